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

  async function finished(id: string) {
    for (let i = 0; i < 200; i++) {
      const job = await t.request(`/admin/cache/warm/${id}`, { headers: auth });
      if (job.body.status !== 'running') return job.body;
      await new Promise((resolve) => setTimeout(resolve, 20));
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

  it('warms the largest agencies stats on demand and reports progress', async () => {
    const fx = new Fixtures(t.db.client);
    const supplier = await fx.supplier();
    const agencies = [await fx.agency(), await fx.agency()];
    for (const [i, agency] of agencies.entries()) for (let k = 0; k <= i; k++) await fx.contract({ agencyId: agency, supplierId: supplier });
    await projectStats(t.app);

    const started = await t.request('/admin/cache/warm', { method: 'POST', headers: auth });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ id: expect.any(String), trigger: 'admin' });
    const job = await finished(started.body.id);
    expect(job.status).toBe('completed');
    expect(job.warmers).toEqual(expect.arrayContaining([{ name: 'AgencyStatsWarmer', done: 2, total: 2 }, { name: 'ContractListWarmer', done: 1, total: 1 }]));
    for (const agency of agencies) expect((await t.request(`/agencies/${agency}/stats`)).headers.get('x-cache')).toBe('HIT');
  });

  it('answers 404 for an unknown job and 401 without the token', async () => {
    expect((await t.request('/admin/cache/warm/00000000-0000-4000-8000-000000000000', { headers: auth })).body.code).toBe('WARM_JOB.NOT_FOUND');
    expect((await t.request('/admin/cache/warm', { method: 'POST' })).status).toBe(401);
  });
});
