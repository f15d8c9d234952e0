import { type ContractFixture, Fixtures } from '../support/fixtures.js';
import { projectStats } from '../support/project-stats.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('contracts API', () => {
  let t: TestApp;
  let fx: Fixtures;
  let agencyA: string;
  let agencyB: string;
  let supplierX: string;
  let supplierY: string;
  const all: ContractFixture[] = [];

  beforeAll(async () => {
    t = await startTestApp('contracts');
    fx = new Fixtures(t.db.client);
    agencyA = await fx.agency();
    agencyB = await fx.agency();
    supplierX = await fx.supplier();
    supplierY = await fx.supplier();
    // 30 contracts; pairs share a signed_at so the id tie-break is exercised.
    for (let i = 0; i < 30; i++) {
      all.push(
        await fx.contract({
          agencyId: i % 3 === 0 ? agencyB : agencyA,
          supplierId: i % 2 === 0 ? supplierX : supplierY,
          category: i % 5 === 0 ? 'it_services' : 'construction',
          status: i % 4 === 0 ? 'completed' : 'active',
          amountCents: 1000 * (i + 1),
          signedAt: new Date(Date.UTC(2024, 0, 1 + Math.floor(i / 2), 10)).toISOString(),
          metadata: { fundingSource: i % 2 === 0 ? 'eu' : 'national', lot: i },
        }),
      );
    }
  });
  afterAll(() => t.close());

  const expectedOrder = (rows: ContractFixture[]) =>
    [...rows].sort((a, b) => b.signedAt.localeCompare(a.signedAt) || a.id.localeCompare(b.id)).map((c) => c.id);

  async function walk(query: string, limit: number): Promise<{ ids: string[]; pages: number }> {
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await t.request(`/contracts?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      ids.push(...res.body.items.map((c: { id: string }) => c.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    return { ids, pages };
  }

  describe('GET /contracts', () => {
    it('returns 20 newest first by default with a cursor to the rest', async () => {
      const res = await t.request('/contracts');
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(20);
      expect(res.body.items.map((c: { id: string }) => c.id)).toEqual(expectedOrder(all).slice(0, 20));
      expect(typeof res.body.nextCursor).toBe('string');
      expect(res.body.items[0]).toEqual({
        ...all.find((c) => c.id === res.body.items[0].id),
        version: 1,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
    });

    it('walks every page in (signedAt desc, id) order without gaps or repeats, ending with a null cursor', async () => {
      const { ids, pages } = await walk('', 7);
      expect(ids).toEqual(expectedOrder(all));
      expect(pages).toBe(5);
    });

    it('answers an exactly full last page with a null cursor', async () => {
      const res = await t.request('/contracts?limit=30');
      expect(res.body.items).toHaveLength(30);
      expect(res.body.nextCursor).toBeNull();
    });

    it('answers an empty page when nothing matches', async () => {
      const res = await t.request('/contracts?category=vehicles');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ items: [], nextCursor: null });
    });

    it.each([
      ['agency', () => `&agency=${agencyB}`, (c: ContractFixture) => c.agencyId === agencyB],
      ['supplier', () => `&supplier=${supplierY}`, (c: ContractFixture) => c.supplierId === supplierY],
      ['category', () => '&category=it_services', (c: ContractFixture) => c.category === 'it_services'],
      ['status', () => '&status=completed', (c: ContractFixture) => c.status === 'completed'],
      ['date range', () => '&signedFrom=2024-01-03T00:00:00Z&signedTo=2024-01-06T00:00:00Z', (c: ContractFixture) => c.signedAt >= '2024-01-03' && c.signedAt < '2024-01-06'],
      ['amount range', () => '&minAmountCents=5000&maxAmountCents=9000', (c: ContractFixture) => c.amountCents >= 5000 && c.amountCents <= 9000],
      ['metadata containment', () => `&metadata=${encodeURIComponent('{"fundingSource":"eu"}')}`, (c: ContractFixture) => c.metadata.fundingSource === 'eu'],
      ['combined filters', () => `&agency=${agencyA}&supplier=${supplierX}&status=active`, (c: ContractFixture) => c.agencyId === agencyA && c.supplierId === supplierX && c.status === 'active'],
    ])('filters by %s across pages', async (_name, query, keep) => {
      const expected = expectedOrder(all.filter(keep));
      expect(expected.length).toBeGreaterThan(0);
      const { ids } = await walk(query(), 4);
      expect(ids).toEqual(expected);
    });

    it.each([
      ['limit above 100', '?limit=101', 'limit must not be greater than 100'],
      ['limit zero', '?limit=0', 'limit must not be less than 1'],
      ['non-numeric limit', '?limit=ten', 'limit must be an integer number'],
      ['bad agency id', '?agency=nope', 'agency must be a UUID'],
      ['unknown parameter', '?colour=red', 'property colour should not exist'],
      ['bad status', '?status=lost', 'status must be one of the following values'],
      ['bad date', '?signedFrom=yesterday', 'signedFrom must be a date (YYYY-MM-DD) or date-time'],
      ['metadata that is not JSON', '?metadata=fundingSource', 'metadata must be a JSON object'],
      ['inverted date range', '?signedFrom=2024-02-01T00:00:00Z&signedTo=2024-01-01T00:00:00Z', 'signedFrom must be earlier than signedTo'],
      ['inverted amount range', '?minAmountCents=10&maxAmountCents=5', 'minAmountCents must not exceed maxAmountCents'],
    ])('rejects %s with 400', async (_name, query, message) => {
      const res = await t.request(`/contracts${query}`);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ statusCode: 400, code: expect.stringMatching(/^(REQUEST.INVALID|CONTRACT.INVALID_FILTER)$/), message: expect.stringContaining(message) });
    });

    it.each(['garbage', Buffer.from('["1","2"]').toString('base64url'), Buffer.from('["123","not-a-uuid"]').toString('base64url')])(
      'rejects a cursor it did not issue (%s) with 400',
      async (cursor) => {
        const res = await t.request(`/contracts?cursor=${cursor}`);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('PAGINATION.INVALID_CURSOR');
      },
    );
  });

  describe('GET /contracts/:id', () => {
    it('returns the contract', async () => {
      const res = await t.request(`/contracts/${all[3].id}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ ...all[3], version: 1 });
    });

    it('answers 404 for an unknown id and 400 for a malformed one', async () => {
      const missing = await t.request('/contracts/00000000-0000-4000-8000-000000000000');
      expect(missing.status).toBe(404);
      expect(missing.body).toEqual({ statusCode: 404, code: 'CONTRACT.NOT_FOUND', message: 'Contract 00000000-0000-4000-8000-000000000000 not found' });
      const malformed = await t.request('/contracts/123');
      expect(malformed.status).toBe(400);
      expect(malformed.body.code).toBe('REQUEST.INVALID');
    });
  });

  describe('POST /contracts', () => {
    const body = () => ({
      agencyId: agencyA,
      supplierId: supplierX,
      category: 'medical_supplies',
      procurementMethod: 'restricted',
      amountCents: 4_200_000,
      currency: 'EUR',
      signedAt: '2025-03-04T05:06:07.000Z',
      status: 'active',
      metadata: { fundingSource: 'regional' },
    });

    it('creates a contract (201) that GET then returns', async () => {
      const created = await t.request('/contracts', { method: 'POST', headers: t.as('editor'), json: body() });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ ...body(), version: 1, id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      const read = await t.request(`/contracts/${created.body.id}`);
      expect(read.body).toEqual(created.body);
    });

    it('brings agency stats in step with the new contract once the projection applied its event', async () => {
      await projectStats(t.app);
      const before = await t.request(`/agencies/${agencyB}/stats`);
      await t.request('/contracts', { method: 'POST', headers: t.as('editor'), json: { ...body(), agencyId: agencyB, category: 'energy', amountCents: 777 } });
      await projectStats(t.app);
      const after = await t.request(`/agencies/${agencyB}/stats`);
      const energy = after.body.byCategory.find((r: { category: string }) => r.category === 'energy');
      expect(energy).toEqual({ category: 'energy', currency: 'EUR', contracts: 1, amountCents: 777 });
      expect(after.body.totals[0].contracts).toBe(before.body.totals[0].contracts + 1);
    });

    it.each([
      ['a missing field', () => { const b: Record<string, unknown> = body(); delete b.category; return b; }, 'category must be'],
      ['a negative amount', () => ({ ...body(), amountCents: -1 }), 'amountCents must not be less than 0'],
      ['a fractional amount', () => ({ ...body(), amountCents: 1.5 }), 'amountCents must be an integer'],
      ['an amount as a string', () => ({ ...body(), amountCents: '100' }), 'amountCents must be an integer'],
      ['a bad currency', () => ({ ...body(), currency: 'euro' }), 'currency must be an ISO 4217 code'],
      ['a bad date', () => ({ ...body(), signedAt: '04/03/2025' }), 'signedAt must be a date (YYYY-MM-DD) or date-time'],
      ['server-set fields', () => ({ ...body(), version: 3 }), 'property version should not exist'],
      ['metadata that is not an object', () => ({ ...body(), metadata: 'x' }), 'metadata must be an object'],
    ])('rejects %s with 400 naming the field', async (_name, make, message) => {
      const res = await t.request('/contracts', { method: 'POST', headers: t.as('editor'), json: make() });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ statusCode: 400, code: 'REQUEST.INVALID', message: expect.stringContaining(message) });
    });

    it('rejects an unknown agency with 400 CONTRACT.UNKNOWN_REFERENCE', async () => {
      const res = await t.request('/contracts', { method: 'POST', headers: t.as('editor'), json: { ...body(), agencyId: '00000000-0000-4000-8000-000000000001' } });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ statusCode: 400, code: 'CONTRACT.UNKNOWN_REFERENCE', message: 'agencyId 00000000-0000-4000-8000-000000000001 does not exist' });
    });

    it('answers malformed JSON with 400 and an oversized body with 413, never a stack', async () => {
      const malformed = await t.request('/contracts', { method: 'POST', headers: { ...t.as('editor'), 'content-type': 'application/json' }, body: '{"agencyId":' });
      expect(malformed.status).toBe(400);
      expect(malformed.body).toMatchObject({ statusCode: 400, code: 'REQUEST.MALFORMED_JSON' });
      const huge = await t.request('/contracts', { method: 'POST', headers: t.as('editor'), json: { ...body(), metadata: { blob: 'x'.repeat(1_100_000) } } });
      expect(huge.status).toBe(413);
      expect(huge.body).toEqual({ statusCode: 413, code: 'REQUEST.TOO_LARGE', message: expect.any(String) });
      expect(JSON.stringify([malformed.body, huge.body])).not.toMatch(/at .*\.js/);
    });
  });

  describe('PATCH /contracts/:id', () => {
    it('applies a partial change, bumps the version and answers 409 to the stale version', async () => {
      const target = all[10];
      const first = await t.request(`/contracts/${target.id}`, { method: 'PATCH', headers: t.as('editor'), json: { version: 1, amountCents: 999, status: 'terminated' } });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ id: target.id, amountCents: 999, status: 'terminated', version: 2, category: target.category });
      expect(new Date(first.body.updatedAt).getTime()).toBeGreaterThan(new Date(first.body.createdAt).getTime() - 1);

      const stale = await t.request(`/contracts/${target.id}`, { method: 'PATCH', headers: t.as('editor'), json: { version: 1, amountCents: 1 } });
      expect(stale.status).toBe(409);
      expect(stale.body).toEqual({ statusCode: 409, code: 'CONTRACT.VERSION_CONFLICT', message: expect.stringContaining('is at version 2, not 1') });
      expect((await t.request(`/contracts/${target.id}`)).body.amountCents).toBe(999);
    });

    it('commits each write with its event in the outbox, carrying the request id and the actor; a refused write adds none', async () => {
      const eventsOf = async (id: string) =>
        (await t.db.client.query('SELECT type, schema_version, aggregate_version, correlation_id, actor, payload FROM outbox WHERE aggregate_id = $1 ORDER BY position', [id])).rows;
      const created = await t.request('/contracts', {
        method: 'POST',
        headers: { ...t.as('editor'), 'x-request-id': 'req-create-1' },
        json: { agencyId: agencyA, supplierId: supplierY, category: 'energy', procurementMethod: 'open', amountCents: 10, currency: 'EUR', signedAt: '2025-01-01T00:00:00Z', status: 'active' },
      });
      const id = created.body.id as string;
      await t.request(`/contracts/${id}`, { method: 'PATCH', headers: { ...t.as('admin'), 'x-request-id': 'req-patch-1' }, json: { version: 1, agencyId: agencyB } });
      expect((await t.request(`/contracts/${id}`, { method: 'PATCH', headers: t.as('editor'), json: { version: 1, amountCents: 5 } })).status).toBe(409);
      expect(await eventsOf(id)).toEqual([
        { type: 'contract.created', schema_version: 1, aggregate_version: 1, correlation_id: 'req-create-1', actor: t.actor('editor'), payload: { contract: created.body } },
        {
          type: 'contract.updated',
          schema_version: 1,
          aggregate_version: 2,
          correlation_id: 'req-patch-1',
          actor: t.actor('admin'),
          payload: { contract: expect.objectContaining({ id, agencyId: agencyB, version: 2 }), changed: ['agencyId'], previousAgencyId: agencyA },
        },
      ]);
      const unknownAgency = await t.request('/contracts', { method: 'POST', headers: t.as('editor'), json: { ...created.body, id: undefined, version: undefined, createdAt: undefined, updatedAt: undefined, agencyId: '00000000-0000-4000-8000-000000000000' } });
      expect(unknownAgency.status).toBe(400);
      expect((await t.db.client.query("SELECT count(*)::int AS n FROM outbox WHERE payload->'contract'->>'agencyId' = '00000000-0000-4000-8000-000000000000'")).rows[0].n).toBe(0);
    });

    it('answers 404 for an unknown contract and 400 without a version or with a null field', async () => {
      const missing = await t.request('/contracts/00000000-0000-4000-8000-000000000000', { method: 'PATCH', headers: t.as('editor'), json: { version: 1, status: 'active' } });
      expect(missing.status).toBe(404);
      const noVersion = await t.request(`/contracts/${all[0].id}`, { method: 'PATCH', headers: t.as('editor'), json: { status: 'active' } });
      expect(noVersion.status).toBe(400);
      expect(noVersion.body.message).toContain('version must be an integer');
      const nulled = await t.request(`/contracts/${all[0].id}`, { method: 'PATCH', headers: t.as('editor'), json: { version: 1, status: null } });
      expect(nulled.status).toBe(400);
      expect(nulled.body.message).toContain('status must be one of the following values');
    });
  });
});
