import { Fixtures } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('GET /contracts/:id/history', () => {
  let t: TestApp;
  let fx: Fixtures;
  let agency: string;
  let supplier: string;

  beforeAll(async () => {
    t = await startTestApp('history');
    fx = new Fixtures(t.db.client);
    [agency, supplier] = [await fx.agency(), await fx.supplier()];
  });
  afterAll(() => t.close());

  const create = async () => {
    const created = await t.request('/contracts', {
      method: 'POST',
      headers: t.as('editor'),
      json: { agencyId: agency, supplierId: supplier, category: 'energy', procurementMethod: 'open', amountCents: 10, currency: 'EUR', signedAt: '2025-01-01T00:00:00Z', status: 'active' },
    });
    expect(created.status).toBe(201);
    return created.body as { id: string; version: number };
  };
  const patch = async (id: string, headers: Record<string, string>, json: Record<string, unknown>) => {
    const res = await t.request(`/contracts/${id}`, { method: 'PATCH', headers, json });
    expect(res.status).toBe(200);
    return res.body as { version: number };
  };

  it('lists every version anonymously, oldest first, with time, actor and the fields each set', async () => {
    const { id } = await create();
    await patch(id, t.as('admin'), { version: 1, amountCents: 20, status: 'active' });
    const res = await t.request(`/contracts/${id}/history`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      items: [
        { version: 1, event: 'contract.created', at: expect.any(String), actor: t.actor('editor'), changed: ['agencyId', 'supplierId', 'category', 'procurementMethod', 'amountCents', 'currency', 'signedAt', 'status', 'metadata'] },
        { version: 2, event: 'contract.updated', at: expect.any(String), actor: t.actor('admin'), changed: ['amountCents'] },
      ],
      nextCursor: null,
    });
    expect(Date.parse(res.body.items[1].at)).toBeGreaterThanOrEqual(Date.parse(res.body.items[0].at));
  });

  it('is cached under the contract tag: a hit until the next write, then the new version', async () => {
    const { id } = await create();
    expect((await t.request(`/contracts/${id}/history`)).headers.get('x-cache')).toBe('MISS');
    expect((await t.request(`/contracts/${id}/history`)).headers.get('x-cache')).toBe('HIT');
    await patch(id, t.as('editor'), { version: 1, category: 'water' });
    const after = await t.request(`/contracts/${id}/history`);
    expect(after.headers.get('x-cache')).toBe('MISS');
    expect(after.body.items.map((v: { version: number; changed: string[] }) => [v.version, v.changed])).toEqual([
      [1, expect.any(Array)],
      [2, ['category']],
    ]);
  });

  it('pages with limit and cursor, diffing the first version of a page against the one before it', async () => {
    const { id } = await create();
    await patch(id, t.as('editor'), { version: 1, amountCents: 30 });
    await patch(id, t.as('editor'), { version: 2, amountCents: 30, currency: 'USD' });
    const first = await t.request(`/contracts/${id}/history?limit=2`);
    expect(first.body.items.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    const second = await t.request(`/contracts/${id}/history?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toEqual({ items: [expect.objectContaining({ version: 3, changed: ['currency'] })], nextCursor: null });
  });

  it('answers 404 CONTRACT.NOT_FOUND for an unknown contract, an empty list for one with no logged event, 400 for a bad cursor', async () => {
    expect(await t.request('/contracts/00000000-0000-4000-8000-00000000abcd/history')).toMatchObject({ status: 404, body: { code: 'CONTRACT.NOT_FOUND' } });
    const loaded = await fx.contract({ agencyId: agency, supplierId: supplier });
    expect(await t.request(`/contracts/${loaded.id}/history`)).toMatchObject({ status: 200, body: { items: [], nextCursor: null } });
    expect(await t.request(`/contracts/${loaded.id}/history?cursor=bm9wZQ`)).toMatchObject({ status: 400, body: { code: 'PAGINATION.INVALID_CURSOR' } });
    expect(await t.request(`/contracts/${loaded.id}/history?limit=0`)).toMatchObject({ status: 400, body: { code: 'REQUEST.INVALID' } });
  });
});
