import { AgentPool, agentTask } from '../../src/platform/agents/index.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('GET /admin/agents', () => {
  const token = 'test-admin-token-0123456789';
  let t: TestApp;
  beforeAll(async () => {
    // The pool lives where the worker role runs.
    t = await startTestApp('agents_admin', { ADMIN_TOKEN: token, PROCESS_ROLE: 'all', AGENT_POOL_MIN: '1', AGENT_POOL_MAX: '2' });
  });
  afterAll(() => t.close());

  it('needs the admin token', async () => {
    expect(await t.request('/admin/agents')).toMatchObject({ status: 401, body: { code: 'ADMIN.UNAUTHORIZED' } });
  });

  it("reports the process's pool: threads, queue, task counts and timings", async () => {
    const pool = t.app.get(AgentPool);
    const double = agentTask<number, number>(new URL('../support/agent-tasks.js', import.meta.url), 'double');
    await Promise.all([pool.run(double, 1), pool.run(double, 2), pool.run(double, 3)]);
    const res = await t.request('/admin/agents', { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      threads: { min: 1, max: 2 },
      queue: { depth: 0, max: 1000 },
      tasks: { submitted: 3, completed: 3, failed: 0, inFlight: 0 },
      workersReplaced: 0,
    });
    expect(res.body.threads.current).toBeGreaterThanOrEqual(1);
    expect(res.body.runTime.maxMs).toBeGreaterThan(0);
  });

  it('answers 503 AGENTS.NO_POOL in an API-only process, which runs no pool', async () => {
    const api = await startTestApp('agents_api_only', { ADMIN_TOKEN: token });
    try {
      expect(() => api.app.get(AgentPool)).toThrow();
      expect(await api.request('/admin/agents', { headers: { authorization: `Bearer ${token}` } })).toMatchObject({ status: 503, body: { code: 'AGENTS.NO_POOL' } });
    } finally {
      await api.close();
    }
  });
});
