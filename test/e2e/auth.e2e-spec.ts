import { AppConfig } from '../../src/config/index.js';
import { ApiKeyResolver, ApiKeysService, type KeyChange } from '../../src/platform/auth/index.js';
import { Fixtures, type ContractFixture } from '../support/fixtures.js';
import { redisReady, startTestApp, type TestApp } from '../support/test-app.js';

const NEW_CONTRACT = { category: 'energy', procurementMethod: 'open', amountCents: 10, currency: 'EUR', signedAt: '2025-01-01T00:00:00Z', status: 'active' };

describe('writes need credentials (issue 20: anonymous writes were accepted)', () => {
  let t: TestApp;
  let fx: Fixtures;
  let agencyId: string;
  let supplierId: string;
  let contract: ContractFixture;
  const count = async (sql: string) => (await t.db.client.query<{ n: number }>(sql)).rows[0].n;

  beforeAll(async () => {
    t = await startTestApp('auth_writes');
    fx = new Fixtures(t.db.client);
    [agencyId, supplierId] = [await fx.agency(), await fx.supplier()];
    contract = await fx.contract({ agencyId, supplierId });
  });
  afterAll(() => t.close());

  it('POST /contracts without credentials: 401 AUTH.REQUIRED, no row, no event, cached lists left alone', async () => {
    expect((await t.request('/contracts?limit=5')).headers.get('x-cache')).toBe('MISS');
    const refused = await t.request('/contracts', { method: 'POST', json: { agencyId, supplierId, ...NEW_CONTRACT } });
    expect(refused).toMatchObject({ status: 401, body: { statusCode: 401, code: 'AUTH.REQUIRED' } });
    expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="Hotpath"');
    expect(await count('SELECT count(*)::int AS n FROM contracts')).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM event_log')).toBe(0);
    // contracts:list was not bumped: the cached page still answers.
    expect((await t.request('/contracts?limit=5')).headers.get('x-cache')).toBe('HIT');
  });

  it('PATCH /contracts/:id without credentials: 401 AUTH.REQUIRED and the contract is unchanged', async () => {
    const refused = await t.request(`/contracts/${contract.id}`, { method: 'PATCH', json: { version: 1, amountCents: 1 } });
    expect(refused).toMatchObject({ status: 401, body: { code: 'AUTH.REQUIRED' } });
    expect((await t.db.client.query('SELECT version, amount_cents FROM contracts WHERE id = $1', [contract.id])).rows).toEqual([{ version: 1, amount_cents: String(contract.amountCents) }]);
    expect(await count('SELECT count(*)::int AS n FROM event_log')).toBe(0);
  });

  it('POST /investigations without credentials: 401 AUTH.REQUIRED and nothing is opened', async () => {
    expect(await t.request('/investigations', { method: 'POST', json: {} })).toMatchObject({ status: 401, body: { code: 'AUTH.REQUIRED' } });
    expect(await count('SELECT count(*)::int AS n FROM investigations')).toBe(0);
  });

  it('each role writes what it may: editor contracts, analyst investigations, admin both; the others answer 403', async () => {
    const createContract = (role: 'editor' | 'analyst' | 'admin') => t.request('/contracts', { method: 'POST', headers: t.as(role), json: { agencyId, supplierId, ...NEW_CONTRACT } });
    const openInvestigation = (role: 'editor' | 'analyst' | 'admin') => t.request('/investigations', { method: 'POST', headers: t.as(role), json: { agents: ['benford'], scope: { category: role } } });
    expect((await createContract('editor')).status).toBe(201);
    expect((await createContract('admin')).status).toBe(201);
    expect(await createContract('analyst')).toMatchObject({ status: 403, body: { statusCode: 403, code: 'AUTH.FORBIDDEN' } });
    expect((await openInvestigation('analyst')).status).toBe(202);
    expect((await openInvestigation('admin')).status).toBe(202);
    expect(await openInvestigation('editor')).toMatchObject({ status: 403, body: { code: 'AUTH.FORBIDDEN' } });
    const actors = await t.db.client.query('SELECT type, actor FROM event_log ORDER BY position');
    expect(actors.rows).toEqual([
      { type: 'contract.created', actor: t.actor('editor') },
      { type: 'contract.created', actor: t.actor('admin') },
      { type: 'investigation.opened', actor: t.actor('analyst') },
      { type: 'investigation.opened', actor: t.actor('admin') },
    ]);
  });
});

describe('API key revocation across instances', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    a = await startTestApp('revoke_a');
    // A second instance on the same database and Redis prefix.
    b = await startTestApp('revoke_b', { DATABASE_URL: a.db.url, REDIS_KEY_PREFIX: a.app.get(AppConfig).redis.keyPrefix });
    await Promise.all([redisReady(a.app), redisReady(b.app)]);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  /** Resolves when `app` hears that key `id` changed as `change` says. */
  const heard = (app: TestApp, id: string, change: KeyChange['change']) =>
    new Promise<void>((resolve) => {
      const stop = app.app.get(ApiKeyResolver).onChange((heardOf) => {
        if (heardOf?.id === id && heardOf.change === change) {
          stop();
          resolve();
        }
      });
    });
  const patchUnknown = (t: TestApp, key: string) => t.request('/contracts/00000000-0000-4000-8000-000000000000', { method: 'PATCH', headers: { authorization: `Bearer ${key}` }, json: { version: 1 } });

  it('a key revoked on one instance is refused by both, each told over Redis rather than waiting out its cache', async () => {
    const created = await a.app.get(ApiKeysService).create('two instances', 'editor');
    // Both accept it (404: authorized, no such contract) and now hold it in their key cache.
    expect((await patchUnknown(a, created.key)).status).toBe(404);
    expect((await patchUnknown(b, created.key)).status).toBe(404);
    expect(b.app.get(ApiKeyResolver).resolve(created.key)).toMatchObject({ kind: 'key', actor: `key:${created.id}` });

    const told = Promise.all([heard(a, created.id, 'revoked'), heard(b, created.id, 'revoked')]);
    const revoked = await a.app.get(ApiKeysService).revoke(created.id);
    expect(revoked?.notified).toBe(true);
    await told;
    for (const t of [a, b]) expect(await patchUnknown(t, created.key)).toMatchObject({ status: 401, body: { code: 'AUTH.INVALID' } });
  });
});
