import { freePort } from '../support/free-port.js';
import { API_ENTRY as API, requireBuilt, startNode as start, WORKER_ENTRY as WORKER } from '../support/node-process.js';
import { createTestDatabase, type TestDatabase, testKeyPrefix } from '../support/test-database.js';
import { waitFor } from '../support/wait-for.js';

/** A boot takes ~3 s alone; beside the fault tests on 2 cores it has taken over 20 s. */
const BOOT_MS = 45_000;
/** The API's queries waiting on a lock (autovacuum may wait on it too). */
const LOCK_WAITERS = `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND backend_type = 'client backend' AND application_name = 'hotpath'`;

/** The built entry points as operators run them: they start, serve, and stop cleanly on SIGTERM. */
describe('API and worker processes', () => {
  let db: TestDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    requireBuilt(API, WORKER);
    db = await createTestDatabase('processes');
    env = { DATABASE_URL: db.url, REDIS_KEY_PREFIX: testKeyPrefix('processes'), LOG_LEVEL: 'info', SHUTDOWN_TIMEOUT: '5', MAX_WORKERS: '1' };
  });
  afterAll(() => db.drop());

  it('the API answers, finishes an in-flight request on SIGTERM and exits 0', async () => {
    const port = await freePort();
    // The API role without warming, at start-up or scheduled:
    // the only query waiting on the lock below is the request's.
    const api = start(API, { ...env, PROCESS_ROLE: 'api', CACHE_WARM_ON_START: 'false', CACHE_WARM_INTERVAL: '0', SERVER_PORT: String(port), SERVER_HOST: '127.0.0.1' });
    try {
      await waitFor(() => api.output().includes('API listening'), BOOT_MS);
      const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
      expect(ready.status).toBe(200);
      // The lock keeps the request's query waiting, so it is surely in flight at SIGTERM.
      await db.client.query('BEGIN');
      await db.client.query('LOCK TABLE contracts IN ACCESS EXCLUSIVE MODE');
      const inFlight = fetch(`http://127.0.0.1:${port}/contracts?limit=100`);
      await waitFor(async () => (await db.client.query(LOCK_WAITERS)).rowCount === 1, 15_000);
      api.child.kill('SIGTERM');
      await waitFor(() => api.output().includes('shutting down'), 5000);
      await db.client.query('COMMIT');
      expect((await inFlight).status).toBe(200);
      expect(await api.exited).toBe(0);
      expect(api.output()).toContain('shutdown complete');
      expect(api.output()).toMatch(/"msg":"request completed"/);
    } finally {
      api.child.kill('SIGKILL');
    }
  });

  it('with MAX_WORKERS=2 runs a cluster that serves and stops every worker on SIGTERM', async () => {
    const port = await freePort();
    const api = start(API, { ...env, SERVER_PORT: String(port), SERVER_HOST: '127.0.0.1', MAX_WORKERS: '2', WORKERS_PER_CORE: '4' });
    try {
      await waitFor(() => (api.output().match(/API listening/g) ?? []).length === 2, 30_000);
      expect(api.output()).toContain('"workers":2');
      const pids = new Set<string>();
      for (let i = 0; i < 20; i++) {
        const res = await fetch(`http://127.0.0.1:${port}/health/live`, { headers: { connection: 'close' } });
        expect(res.status).toBe(200);
      }
      for (const match of api.output().matchAll(/"msg":"API listening".*?"pid":(\d+)/g)) pids.add(match[1]);
      expect(pids.size).toBe(2);
      api.child.kill('SIGTERM');
      expect(await api.exited).toBe(0);
      expect((api.output().match(/shutdown complete/g) ?? []).length).toBe(2);
    } finally {
      api.child.kill('SIGKILL');
    }
  });

  it('the worker boots, connects and exits 0 on SIGTERM', async () => {
    const worker = start(WORKER, env);
    try {
      await waitFor(() => worker.output().includes('worker ready'), BOOT_MS);
      worker.child.kill('SIGTERM');
      expect(await worker.exited).toBe(0);
      expect(worker.output()).toContain('shutdown complete');
    } finally {
      worker.child.kill('SIGKILL');
    }
  });

  it('PROCESS_ROLE=worker makes the API entry point a worker (no HTTP); PROCESS_ROLE=api runs no worker-role processor', async () => {
    const port = await freePort();
    const worker = start(API, { ...env, PROCESS_ROLE: 'worker', SERVER_PORT: String(port), SERVER_HOST: '127.0.0.1' });
    try {
      await waitFor(() => worker.output().includes('worker ready'), BOOT_MS);
      expect(worker.output()).toContain('WorkerRoleModule dependencies initialized');
      await expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow();
      worker.child.kill('SIGTERM');
      expect(await worker.exited).toBe(0);
    } finally {
      worker.child.kill('SIGKILL');
    }
    const api = start(API, { ...env, PROCESS_ROLE: 'api', SERVER_PORT: String(port), SERVER_HOST: '127.0.0.1' });
    try {
      await waitFor(() => api.output().includes('API listening'), BOOT_MS);
      expect(api.output()).toContain('"role":"api"');
      expect(api.output()).toContain('JobsModule dependencies initialized');
      expect(api.output()).not.toContain('WorkerRoleModule');
      api.child.kill('SIGTERM');
      expect(await api.exited).toBe(0);
    } finally {
      api.child.kill('SIGKILL');
    }
  }, 2 * BOOT_MS + 10_000);

  it('refuses to start with a bad variable and names it', async () => {
    const api = start(API, { ...env, SERVER_PORT: '70000' });
    expect(await api.exited).toBe(1);
    expect(api.output()).toContain('SERVER_PORT: expected integer 1..65535, got "70000"');
  });
});
