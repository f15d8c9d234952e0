import { Fixtures } from '../support/fixtures.js';
import { projectStats } from '../support/project-stats.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('cache warming', () => {
  const token = 'warming-admin-token-0123456789';
  const auth = { authorization: `Bearer ${token}` };
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp('warming', { CACHE_WARM_ON_START: 'true', ADMIN_TOKEN: token });
  });
  afterAll(() => t.close());

  async function finished(id: string, seen: number[]) {
    for (let i = 0; i < 500; i++) {
      const job = await t.request(`/admin/cache/warm/${id}`, { headers: auth });
      expect(job.status).toBe(200);
      seen.push(job.body.progress);
      if (job.body.state === 'completed' || job.body.state === 'failed') return job.body;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('warm job did not finish');
  }

  it('warms the default contract list after start-up, without a request for it', async () => {
    let state: string | null = null;
    for (let i = 0; i < 100 && state !== 'HIT'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const stats = await t.request('/admin/cache/stats', { headers: auth });
      if (stats.body.l1.items > 0) state = (await t.request('/contracts')).headers.get('x-cache');
    }
    expect(state).toBe('HIT');
  });

  it('queues a warm job (202), whose progress rises to 100 as it completes and warms the largest agencies', async () => {
    const fx = new Fixtures(t.db.client);
    const supplier = await fx.supplier();
    const agencies = [await fx.agency(), await fx.agency()];
    for (const [i, agency] of agencies.entries()) for (let k = 0; k <= i; k++) await fx.contract({ agencyId: agency, supplierId: supplier });
    await projectStats(t.app);

    const started = await t.request('/admin/cache/warm', { method: 'POST', headers: auth });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ id: expect.any(String), trigger: 'admin', state: expect.stringMatching(/^(waiting|active|completed)$/) });
    const seen: number[] = [];
    const job = await finished(started.body.id, seen);
    expect(job).toMatchObject({ state: 'completed', progress: 100, attemptsMade: 1, failedReason: null });
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(job.warmers).toEqual(expect.arrayContaining([{ name: 'AgencyStatsWarmer', done: 2, total: 2 }, { name: 'ContractListWarmer', done: 1, total: 1 }]));
    for (const agency of agencies) expect((await t.request(`/agencies/${agency}/stats`)).headers.get('x-cache')).toBe('HIT');
  });

  it('asking again while a job waits or runs returns that job', async () => {
    const [a, b] = await Promise.all([t.request('/admin/cache/warm', { method: 'POST', headers: auth }), t.request('/admin/cache/warm', { method: 'POST', headers: auth })]);
    expect(a.body.id).toBe(b.body.id);
    await finished(a.body.id, []);
  });

  it('answers 404 for an unknown job and 401 without the token', async () => {
    const unknown = await t.request('/admin/cache/warm/999999', { headers: auth });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'WARM_JOB.NOT_FOUND']);
    expect((await t.request('/admin/cache/warm', { method: 'POST' })).status).toBe(401);
  });
});
