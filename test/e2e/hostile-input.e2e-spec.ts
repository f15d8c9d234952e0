import { Fixtures } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const ADMIN_TOKEN = 'admin-token-0123456789';
const cursorOf = (parts: string[]) => Buffer.from(JSON.stringify(parts)).toString('base64url');
const deep = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const error = (statusCode: number, code: string) => ({ statusCode, code, message: expect.any(String) });

/** One test per hostile request that answered 500 (or passed where it should not): each is a 4xx with the standard body. */
describe('hostile input', () => {
  let t: TestApp;
  let fx: Fixtures;
  let agency: string;
  let supplier: string;
  let contract: { id: string; version: number };

  beforeAll(async () => {
    t = await startTestApp('hostile', { ADMIN_TOKEN });
    fx = new Fixtures(t.db.client);
    [agency, supplier] = [await fx.agency(), await fx.supplier()];
    const created = await t.request('/contracts', { method: 'POST', json: body(), headers: t.as('admin') });
    contract = created.body;
  });
  afterAll(() => t.close());

  function body(overrides: Record<string, unknown> = {}) {
    return { agencyId: agency, supplierId: supplier, category: 'energy', procurementMethod: 'open', amountCents: 100, currency: 'EUR', signedAt: '2025-01-01T00:00:00Z', status: 'active', ...overrides };
  }
  const post = (path: string, json: unknown) => t.request(path, { method: 'POST', json, headers: t.as('admin') });
  const patch = (json: unknown) => t.request(`/contracts/${contract.id}`, { method: 'PATCH', json, headers: t.as('admin') });
  const raw = (method: string, path: string, text: string) => t.request(path, { method, body: text, headers: { 'content-type': 'application/json', ...t.as('admin') } });

  describe('ISO dates that are not instants', () => {
    const odd = ['2024-W01-1', '20240101', '2024-01-01T10', '2024-02-30', '2024-01-01T24:00:00Z', '0000-01-01'];

    it.each(odd)('%s in a list filter is 400 REQUEST.INVALID', async (date) => {
      expect((await t.request(`/contracts?signedFrom=${date}`)).body).toEqual(error(400, 'REQUEST.INVALID'));
      expect((await t.request(`/contracts?signedTo=${date}`)).body).toEqual(error(400, 'REQUEST.INVALID'));
    });

    it.each(odd)('%s in a contract body or an investigation scope is 400 REQUEST.INVALID', async (date) => {
      expect((await post('/contracts', body({ signedAt: date }))).body).toEqual(error(400, 'REQUEST.INVALID'));
      expect((await patch({ version: contract.version, signedAt: date })).body).toEqual(error(400, 'REQUEST.INVALID'));
      expect((await post('/investigations', { scope: { from: date } })).body).toEqual(error(400, 'REQUEST.INVALID'));
      expect((await post('/investigations', { scope: { to: date } })).body).toEqual(error(400, 'REQUEST.INVALID'));
    });

    it('normalises a valid date to its instant, so equal instants are equal downstream', async () => {
      const created = await post('/contracts', body({ signedAt: '2025-03-01T01:30:00+02:00' }));
      expect(created.body.signedAt).toBe('2025-02-28T23:30:00.000Z');
      const a = await post('/investigations', { scope: { from: '2024-01-01', to: '2024-02-01T00:00:00.000Z' }, agents: ['benford'] });
      const b = await post('/investigations', { scope: { from: '2024-01-01T01:00:00+01:00', to: '2024-02-01T00:00:00Z' }, agents: ['benford'] });
      expect([a.status, b.status]).toEqual([202, 202]);
      expect(a.body.scope).toEqual({ from: '2024-01-01T00:00:00.000Z', to: '2024-02-01T00:00:00.000Z' });
      expect(b.body).toMatchObject({ id: a.body.id, reused: true });
    });
  });

  describe('cursors the API did not issue', () => {
    it.each([
      ['contracts: microseconds beyond int8', '/contracts', cursorOf(['99999999999999999999', contract?.id ?? '00000000-0000-4000-8000-000000000000'])],
      ['contracts: microseconds within int8, beyond any timestamp', '/contracts', cursorOf(['9223372036854775807', '00000000-0000-4000-8000-000000000000'])],
      ['contracts: an id that is no UUID', '/contracts', cursorOf(['1700000000000000', 'nope'])],
      ['agencies: an id that is no UUID', '/agencies', cursorOf(['Agency', 'nope'])],
      ['agencies: a NUL in the name', '/agencies', cursorOf(['A\u0000', '00000000-0000-4000-8000-000000000000'])],
      ['investigations: a time that is no instant', '/investigations', cursorOf(['yesterday', '00000000-0000-4000-8000-000000000000'])],
      ['investigations: an id that is no UUID', '/investigations', cursorOf(['2024-01-01T00:00:00.000Z', 'nope'])],
    ])('%s: 400 PAGINATION.INVALID_CURSOR', async (_label, path, cursor) => {
      expect((await t.request(`${path}?cursor=${cursor}`)).body).toEqual(error(400, 'PAGINATION.INVALID_CURSOR'));
    });
  });

  describe('numbers beyond what their column holds', () => {
    it.each([2 ** 31, 1e300, -1, 0, 1.5])('PATCH version %s is 400 REQUEST.INVALID', async (version) => {
      expect((await patch({ version, amountCents: 1 })).body).toEqual(error(400, 'REQUEST.INVALID'));
    });

    it.each([2 ** 53, 1e300, -1])('an amount of %s is 400 REQUEST.INVALID', async (amountCents) => {
      expect((await post('/contracts', body({ amountCents }))).body).toEqual(error(400, 'REQUEST.INVALID'));
    });

    it.each(['limit=0x10', 'limit=1e1', 'limit=', 'minAmountCents=99999999999999999999', 'maxAmountCents=1e300', 'limit=5&limit=6'])('query %s is 400 REQUEST.INVALID', async (query) => {
      expect((await t.request(`/contracts?${query}`)).body).toEqual(error(400, 'REQUEST.INVALID'));
    });
  });

  it('a 6,000-deep JSON body (12 KB) is 400 REQUEST.TOO_DEEP on every body route', async () => {
    for (const [method, path] of [
      ['POST', '/contracts'],
      ['PATCH', `/contracts/${contract.id}`],
      ['POST', '/investigations'],
      ['POST', '/admin/cache/warm'],
    ]) {
      expect([path, (await raw(method, path, `{"metadata":${deep(6000)}}`)).body]).toEqual([path, error(400, 'REQUEST.TOO_DEEP')]);
    }
    // Brackets inside strings are text, not nesting.
    expect((await post('/contracts', body({ metadata: { note: '['.repeat(100) } }))).status).toBe(201);
  });

  it('a malformed hotpath_admin cookie is 401 on admin routes and the queue board, never a 500', async () => {
    for (const cookie of ['hotpath_admin=%', 'hotpath_admin=%E0%A4%A', `hotpath_admin=${ADMIN_TOKEN}%`]) {
      expect((await t.request('/admin/cache/stats', { headers: { cookie } })).body).toEqual(error(401, 'AUTH.REQUIRED'));
      expect((await t.request('/admin/queues', { headers: { cookie } })).status).toBe(401);
      expect((await t.request('/admin/queues/api/queues', { headers: { cookie } })).body).toMatchObject({ statusCode: 401, code: 'AUTH.REQUIRED' });
    }
  });

  describe('names of Object.prototype members', () => {
    const names = ['toString', 'constructor', '__proto__', 'valueOf', 'hasOwnProperty'];

    it.each(names)('?%s= is 400 REQUEST.INVALID on every GET route', async (name) => {
      for (const path of ['/contracts', `/contracts/${contract.id}`, '/agencies', `/agencies/${agency}`, `/agencies/${agency}/stats`, `/suppliers/${supplier}`, `/suppliers/${supplier}/stats`, '/investigations']) {
        expect([path, (await t.request(`${path}?${name}=1`)).body]).toEqual([path, error(400, 'REQUEST.INVALID')]);
      }
    });

    it.each(names.filter((n) => n !== '__proto__'))('a body member %s is 400 REQUEST.INVALID, nested ones too', async (name) => {
      expect((await post('/contracts', { ...body(), [name]: 'x' })).body).toEqual(error(400, 'REQUEST.INVALID'));
      expect((await patch({ version: contract.version, [name]: 'x' })).body).toEqual(error(400, 'REQUEST.INVALID'));
      expect((await post('/investigations', { scope: { [name]: 'x' } })).body).toEqual(error(400, 'REQUEST.INVALID'));
    });

    it('any query name on a route that takes no query is 400 REQUEST.INVALID', async () => {
      expect((await t.request(`/contracts/${contract.id}?_=1`)).body).toEqual(error(400, 'REQUEST.INVALID'));
    });
  });

  describe('upper-case UUIDs', () => {
    it('are accepted in paths, filters and bodies and reach the domain in lower case', async () => {
      const upper = contract.id.toUpperCase();
      expect((await t.request(`/contracts/${upper}`)).body.id).toBe(contract.id);
      const listed = await t.request(`/contracts?agency=${agency.toUpperCase()}&supplier=${supplier.toUpperCase()}`);
      expect(listed.body.items.map((c: { id: string }) => c.id)).toContain(contract.id);
      const opened = await post('/investigations', { scope: { agencyId: agency.toUpperCase(), supplierId: supplier.toUpperCase() }, agents: ['benford'] });
      expect(opened.body.scope).toEqual({ agencyId: agency, supplierId: supplier });
      expect((await t.request(`/investigations/${String(opened.body.id).toUpperCase()}`)).body.id).toBe(opened.body.id);
    });

    it('a contract cached under its upper-case URL is fresh after a PATCH', async () => {
      const created = (await post('/contracts', body({ amountCents: 5 }))).body;
      const upper = `/contracts/${String(created.id).toUpperCase()}`;
      await t.request(upper);
      expect((await t.request(upper)).headers.get('x-cache')).toBe('HIT');
      expect((await t.request(`/contracts/${created.id}`, { method: 'PATCH', json: { version: created.version, amountCents: 6 }, headers: t.as('admin') })).status).toBe(200);
      expect((await t.request(upper)).body).toMatchObject({ amountCents: 6, version: created.version + 1 });
    });
  });

  describe('metadata', () => {
    it.each(['{}', '{"a":{}}', '{"a":[]}', '{"a":{"b":[]}}'])('a filter with an empty container (%s) is 400 CONTRACT.INVALID_FILTER', async (filter) => {
      expect((await t.request(`/contracts?metadata=${encodeURIComponent(filter)}`)).body).toEqual(error(400, 'CONTRACT.INVALID_FILTER'));
    });

    it('NUL characters and unpaired surrogates, which jsonb refuses, are 400 REQUEST.INVALID in filters and bodies', async () => {
      for (const bad of ['"\\u0000"', '"\\ud800"']) {
        expect((await t.request(`/contracts?metadata=${encodeURIComponent(`{"a":${bad}}`)}`)).body).toEqual(error(400, 'REQUEST.INVALID'));
        expect((await raw('POST', '/contracts', JSON.stringify(body()).replace('"status"', `"metadata":{"a":${bad}},"status"`))).body).toEqual(error(400, 'REQUEST.INVALID'));
        expect((await raw('POST', '/contracts', JSON.stringify(body()).replace('"status"', `"metadata":{${bad}:1},"status"`))).body).toEqual(error(400, 'REQUEST.INVALID'));
      }
    });
  });
});
