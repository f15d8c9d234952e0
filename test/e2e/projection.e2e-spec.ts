import { Redis } from 'ioredis';
import { AppConfig } from '../../src/config/index.js';
import { deleteByPrefix } from '../../src/platform/redis/index.js';
import { Fixtures } from '../support/fixtures.js';
import { type NodeProcess, requireBuilt, startNode, WORKER_ENTRY as WORKER } from '../support/node-process.js';

const REBUILD = 'dist/scripts/rebuild-projections.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

/**
 * Writes through the API reach the stats read models through the whole pipeline: outbox, the
 * worker's relay, the Redis stream, the worker's projection consumer, and its cache
 * invalidation, which the API process learns over Redis.
 */
describe('stats projection, live in the worker', () => {
  let t: TestApp;
  let worker: NodeProcess;
  let fx: Fixtures;
  let prefix: string;
  const redis = new Redis('redis://127.0.0.1:6379/0');

  beforeAll(async () => {
    requireBuilt(WORKER, REBUILD);
    t = await startTestApp('projection');
    prefix = t.app.get(AppConfig).redis.keyPrefix;
    worker = startNode(WORKER, { DATABASE_URL: t.db.url, REDIS_KEY_PREFIX: prefix, LOG_LEVEL: 'info', OUTBOX_POLL_MS: '100', EVENTS_CONSUMER_BLOCK_MS: '100', DATABASE_POOL_SIZE: '2' });
    await waitFor(() => worker.output().includes('worker ready'), 20_000);
    fx = new Fixtures(t.db.client);
  });
  afterAll(async () => {
    worker.child.kill('SIGTERM');
    await worker.exited;
    await deleteByPrefix(redis, `${prefix}:`);
    redis.disconnect();
    await t.close();
  });

  const stats = (kind: 'agencies' | 'suppliers', id: string) => t.request(`/${kind}/${id}/stats`);
  /** Polls the cached route as a client would: only the projection's invalidation can make it change. */
  const eventually = async (check: () => Promise<boolean>) => {
    const started = Date.now();
    await waitFor(check, 10_000, 10);
    return Date.now() - started;
  };

  it('a POST, then PATCHes (amount, agency, cancel) show in agency and supplier stats once the worker projected them', async () => {
    const [agency, other, supplier] = [await fx.agency(), await fx.agency(), await fx.supplier()];
    expect((await stats('agencies', agency)).body.totals).toEqual([]);
    expect((await stats('agencies', agency)).headers.get('x-cache')).toBe('HIT');

    const created = await t.request('/contracts', {
      method: 'POST',
      headers: t.as('editor'),
      json: { agencyId: agency, supplierId: supplier, category: 'energy', procurementMethod: 'open', amountCents: 1000, currency: 'EUR', signedAt: '2025-01-01T00:00:00Z', status: 'active' },
    });
    expect(created.status).toBe(201);
    const lagMs = await eventually(async () => (await stats('agencies', agency)).body.totals[0]?.contracts === 1);
    // Cached again once the invalidation has landed (a load that raced it is answered but not stored).
    await eventually(async () => (await stats('agencies', agency)).headers.get('x-cache') === 'HIT');
    expect((await stats('agencies', agency)).body.totals).toEqual([{ currency: 'EUR', contracts: 1, amountCents: 1000 }]);
    expect((await stats('suppliers', supplier)).body).toMatchObject({ agencies: 1, totals: [{ currency: 'EUR', contracts: 1, amountCents: 1000 }] });

    const patch = (version: number, changes: Record<string, unknown>) => t.request(`/contracts/${created.body.id}`, { method: 'PATCH', headers: t.as('editor'), json: { version, ...changes } });
    expect((await patch(1, { amountCents: 2500 })).status).toBe(200);
    const amountLagMs = await eventually(async () => (await stats('suppliers', supplier)).body.totals[0]?.amountCents === 2500);
    expect((await stats('agencies', agency)).body.totals).toEqual([{ currency: 'EUR', contracts: 1, amountCents: 2500 }]);

    expect((await patch(2, { agencyId: other })).status).toBe(200);
    const moveLagMs = await eventually(async () => (await stats('agencies', other)).body.totals[0]?.contracts === 1);
    expect((await stats('agencies', agency)).body.totals).toEqual([]);
    expect((await stats('suppliers', supplier)).body.topAgencies).toEqual([expect.objectContaining({ agencyId: other, amountCents: 2500 })]);

    expect((await patch(3, { status: 'cancelled' })).status).toBe(200);
    await eventually(async () => (await stats('suppliers', supplier)).body.totals.length === 0);
    expect((await stats('agencies', other)).body.totals).toEqual([]);
    const { rows } = await t.db.client.query('SELECT version, status FROM contract_stats_state WHERE contract_id = $1', [created.body.id]);
    expect(rows).toEqual([{ version: 4, status: 'cancelled' }]);
    // Commit to projected-and-visible, polling every 10 ms with the worker's poll at 100 ms (NOTIFY usually wakes it first).
    expect(lagMs).toBeLessThan(5000);
    console.info(`stats visible ${lagMs}, ${amountLagMs}, ${moveLagMs} ms after the write answered`);
  });

  it('npm run projections:rebuild replays the log beside the running worker, and the API serves the rebuilt stats', async () => {
    const [agency, supplier] = [await fx.agency(), await fx.supplier()];
    expect((await stats('agencies', agency)).body.totals).toEqual([]);
    expect((await stats('agencies', agency)).headers.get('x-cache')).toBe('HIT');
    // A contract loaded straight into Postgres, logged as created the way the data loader does: no event goes out, only a replay counts it.
    await fx.contract({ agencyId: agency, supplierId: supplier, amountCents: 777, currency: 'EUR', status: 'active' });
    await t.db.client.query('SELECT hotpath_log_contracts_created()');
    const [{ n }] = (await t.db.client.query<{ n: number }>(`SELECT count(*)::int AS n FROM event_log WHERE aggregate_type = 'contract'`)).rows;

    const rebuild = startNode(REBUILD, { DATABASE_URL: t.db.url, REDIS_KEY_PREFIX: prefix, LOG_LEVEL: 'warn' });
    expect(await rebuild.exited).toBe(0);
    expect(rebuild.output()).toContain(`contract stats rebuilt from ${n} events (${n} applied)`);
    // The rebuild invalidated the agency's cached (empty) stats in the API process.
    await eventually(async () => (await stats('agencies', agency)).body.totals[0]?.amountCents === 777);
    expect((await stats('suppliers', supplier)).body.totals).toEqual([{ currency: 'EUR', contracts: 1, amountCents: 777 }]);
  });
});
