import { Fixtures } from '../support/fixtures.js';
import { projectStats } from '../support/project-stats.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('agencies and suppliers API', () => {
  let t: TestApp;
  let fx: Fixtures;
  let big: string;
  let empty: string;
  const suppliers: string[] = [];

  beforeAll(async () => {
    t = await startTestApp('agencies');
    fx = new Fixtures(t.db.client);
    big = await fx.agency({ name: 'Big Ministry' });
    empty = await fx.agency({ name: 'Tiny Town' });
    for (let i = 0; i < 12; i++) suppliers.push(await fx.supplier({ name: `S${i}` }));
    // Supplier i receives (i + 1) contracts of 1000 * (i + 1) cents: supplier 11 ranks first.
    for (let i = 0; i < 12; i++) {
      for (let k = 0; k <= i; k++) {
        await fx.contract({
          agencyId: big,
          supplierId: suppliers[i],
          category: k % 2 ? 'energy' : 'construction',
          amountCents: 1000 * (i + 1),
          signedAt: new Date(Date.UTC(2023, k % 3, 15)).toISOString(),
        });
      }
    }
    await fx.contract({ agencyId: big, supplierId: suppliers[0], status: 'cancelled', amountCents: 10 ** 9 });
    await projectStats(t.app);
  });
  afterAll(() => t.close());

  it('GET /agencies/:id/stats totals by category and month, and ranks the top 10 suppliers, leaving out cancelled contracts', async () => {
    const res = await t.request(`/agencies/${big}/stats`);
    expect(res.status).toBe(200);
    const expected = await t.db.client.query<{ category: string; n: string; amount: string }>(
      `SELECT category, count(*) AS n, sum(amount_cents)::text AS amount FROM contracts WHERE agency_id = $1 AND status <> 'cancelled' GROUP BY category ORDER BY sum(amount_cents) DESC`,
      [big],
    );
    expect(res.body.byCategory).toEqual(expected.rows.map((r) => ({ category: r.category, currency: 'EUR', contracts: Number(r.n), amountCents: Number(r.amount) })));
    expect(res.body.totals).toEqual([{ currency: 'EUR', contracts: 78, amountCents: expected.rows.reduce((s, r) => s + Number(r.amount), 0) }]);
    expect(res.body.byMonth.map((m: { month: string }) => m.month)).toEqual(['2023-01', '2023-02', '2023-03']);
    expect(res.body.byMonth.reduce((s: number, m: { contracts: number }) => s + m.contracts, 0)).toBe(78);
    expect(res.body.topSuppliers).toHaveLength(10);
    expect(res.body.topSuppliers[0]).toEqual({ supplierId: suppliers[11], name: 'S11', currency: 'EUR', contracts: 12, amountCents: 12 * 12000 });
    expect(res.body.topSuppliers.map((s: { supplierId: string }) => s.supplierId)).toEqual(suppliers.slice(2).reverse());
  });

  it('answers empty stats for an agency without contracts and 404 for an unknown one', async () => {
    const none = await t.request(`/agencies/${empty}/stats`);
    expect(none.body).toEqual({ agencyId: empty, totals: [], byCategory: [], byMonth: [], topSuppliers: [] });
    const missing = await t.request('/agencies/00000000-0000-4000-8000-000000000000/stats');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('AGENCY.NOT_FOUND');
  });

  it('GET /agencies pages by name and GET /agencies/:id returns one', async () => {
    const first = await t.request('/agencies?limit=1');
    expect(first.body.items.map((a: { name: string }) => a.name)).toEqual(['Big Ministry']);
    const second = await t.request(`/agencies?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body).toEqual({ items: [expect.objectContaining({ id: empty, name: 'Tiny Town' })], nextCursor: null });
    const one = await t.request(`/agencies/${big}`);
    expect(one.body).toMatchObject({ id: big, name: 'Big Ministry', region: 'north' });
    expect((await t.request('/agencies?cursor=bogus')).status).toBe(400);
    expect((await t.request('/agencies/00000000-0000-4000-8000-000000000000')).body.code).toBe('AGENCY.NOT_FOUND');
  });

  it('GET /suppliers/:id/stats totals by currency and category, counts agencies and ranks them, leaving out cancelled contracts', async () => {
    const res = await t.request(`/suppliers/${suppliers[11]}/stats`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      supplierId: suppliers[11],
      agencies: 1,
      totals: [{ currency: 'EUR', contracts: 12, amountCents: 12 * 12000 }],
      byCategory: [
        { category: 'construction', currency: 'EUR', contracts: 6, amountCents: 6 * 12000 },
        { category: 'energy', currency: 'EUR', contracts: 6, amountCents: 6 * 12000 },
      ],
      topAgencies: [{ agencyId: big, name: 'Big Ministry', currency: 'EUR', contracts: 12, amountCents: 12 * 12000 }],
    });
    // Supplier 0's cancelled contract of 10^9 cents is left out.
    expect((await t.request(`/suppliers/${suppliers[0]}/stats`)).body.totals).toEqual([{ currency: 'EUR', contracts: 1, amountCents: 1000 }]);
    const idle = await fx.supplier({ name: 'Idle' });
    expect((await t.request(`/suppliers/${idle}/stats`)).body).toEqual({ supplierId: idle, agencies: 0, totals: [], byCategory: [], topAgencies: [] });
    const missing = await t.request('/suppliers/00000000-0000-4000-8000-000000000000/stats');
    expect(missing).toMatchObject({ status: 404, body: { statusCode: 404, code: 'SUPPLIER.NOT_FOUND' } });
  });

  it('caches supplier stats under the supplier tag, which the projection invalidates when a new contract reaches it', async () => {
    const path = `/suppliers/${suppliers[5]}/stats`;
    const before = await t.request(path);
    expect((await t.request(path)).headers.get('x-cache')).toBe('HIT');
    const created = await t.request('/contracts', {
      method: 'POST',
      headers: t.as('editor'),
      json: { agencyId: empty, supplierId: suppliers[5], category: 'energy', procurementMethod: 'open', amountCents: 5, currency: 'EUR', signedAt: '2025-01-01T00:00:00Z', status: 'active' },
    });
    expect(created.status).toBe(201);
    await projectStats(t.app);
    const after = await t.request(path);
    expect(after.headers.get('x-cache')).toBe('MISS');
    expect(after.body.agencies).toBe(2);
    expect(after.body.totals[0].contracts).toBe(before.body.totals[0].contracts + 1);
    expect(after.body.topAgencies.map((a: { agencyId: string }) => a.agencyId)).toEqual([big, empty]);
  });

  it('GET /suppliers/:id returns the supplier or 404', async () => {
    const res = await t.request(`/suppliers/${suppliers[3]}`);
    expect(res.body).toMatchObject({ id: suppliers[3], name: 'S3', country: 'ES', taxId: expect.any(String) });
    const missing = await t.request('/suppliers/00000000-0000-4000-8000-000000000000');
    expect(missing).toMatchObject({ status: 404, body: { statusCode: 404, code: 'SUPPLIER.NOT_FOUND' } });
  });
});
