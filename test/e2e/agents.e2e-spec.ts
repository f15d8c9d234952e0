import { AppConfig } from '../../src/config/index.js';
import { AgentPool, agentTask, readAgentPoolReports, THIS_PROCESS } from '../../src/platform/agents/index.js';
import { REDIS_CLIENT } from '../../src/platform/redis/index.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

describe('GET /admin/agents', () => {
  const token = 'test-admin-token-0123456789';
  const auth = { headers: { authorization: `Bearer ${token}` } };
  let t: TestApp;
  beforeAll(async () => {
    // The pool lives where the worker role runs.
    t = await startTestApp('agents_admin', { ADMIN_TOKEN: token, PROCESS_ROLE: 'all', AGENT_POOL_MIN: '1', AGENT_POOL_MAX: '2' });
  });
  afterAll(() => t.close());

  it('needs the admin token', async () => {
    expect(await t.request('/admin/agents')).toMatchObject({ status: 401, body: { code: 'AUTH.REQUIRED' } });
  });

  it("reports the process's own pool live: threads, queue, task counts and timings", async () => {
    const pool = t.app.get(AgentPool);
    const double = agentTask<number, number>(new URL('../support/agent-tasks.js', import.meta.url), 'double');
    await Promise.all([pool.run(double, 1), pool.run(double, 2), pool.run(double, 3)]);
    const res = await t.request('/admin/agents', auth);
    expect(res.status).toBe(200);
    expect(res.body.processes).toHaveLength(1);
    const [own] = res.body.processes;
    expect(own).toMatchObject({
      process: THIS_PROCESS,
      threads: { min: 1, max: 2 },
      queue: { depth: 0, max: 1000 },
      tasks: { submitted: 3, completed: 3, failed: 0, inFlight: 0 },
      workersReplaced: 0,
    });
    expect(own.threads.current).toBeGreaterThanOrEqual(1);
    expect(own.runTime.maxMs).toBeGreaterThan(0);
  });

  it("shows an API-only process the workers' pools they publish to Redis, and answers 503 AGENTS.NO_POOL when none does", async () => {
    const keyPrefix = t.app.get(AppConfig).redis.keyPrefix;
    const redis = t.app.get(REDIS_CLIENT);
    // Another process (here: a fake one) reported a while ago; stale reports are dropped on read.
    const old = { process: 'gone-host-1', reportedAt: new Date(Date.now() - 60_000).toISOString() };
    await redis.hset(`${keyPrefix}:agents:reports`, old.process, JSON.stringify(old));
    const api = await startTestApp('agents_api_only', { ADMIN_TOKEN: token, REDIS_KEY_PREFIX: keyPrefix });
    try {
      expect(() => api.app.get(AgentPool)).toThrow();
      // The pool process (role all) publishes its report every 2 s: wait for one after the tasks above.
      await waitFor(async () => (await readAgentPoolReports(redis, keyPrefix))[0]?.tasks.completed === 3, 5000);
      const res = await api.request('/admin/agents', auth);
      expect(res.status).toBe(200);
      expect(res.body.processes.map((p: { process: string }) => p.process)).toEqual([THIS_PROCESS]);
      expect(res.body.processes[0]).toMatchObject({ threads: { min: 1, max: 2 }, tasks: { completed: 3 } });
      expect(await redis.hexists(`${keyPrefix}:agents:reports`, old.process)).toBe(0);

      await redis.del(`${keyPrefix}:agents:reports`);
      expect(await api.request('/admin/agents', auth)).toMatchObject({ status: 503, body: { code: 'AGENTS.NO_POOL' } });
    } finally {
      await api.close();
    }
  });
});
