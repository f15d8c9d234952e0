import { ApiKeysService } from '../../src/platform/auth/index.js';
import { Fixtures } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The API role only: no worker starts the investigations, so they stay queued until a test
 * finishes them in the database. Each test is its own caller (an analyst key of its own), so
 * quotas counted per caller do not meet.
 */
describe('investigation limits (HTTP)', () => {
  let t: TestApp;
  let agency: string;

  beforeAll(async () => {
    t = await startTestApp('investigation_limits', {
      RATE_LIMIT_KEY_INVESTIGATION_RPS: '0.001',
      RATE_LIMIT_KEY_INVESTIGATION_BURST: '6',
      INVESTIGATIONS_MAX_RUNNING: '2',
      INVESTIGATIONS_DAILY_QUOTA: '3',
      INVESTIGATIONS_MAX_QUEUED: '8',
    });
    agency = await new Fixtures(t.db.client).agency();
  });
  afterAll(() => t.close());

  /** An analyst key per caller name, created on first use. */
  const keys = new Map<string, Promise<string>>();
  const keyOf = (caller: string) => {
    if (!keys.has(caller)) keys.set(caller, t.app.get(ApiKeysService).create(caller, 'analyst').then((created) => created.key));
    return keys.get(caller) as Promise<string>;
  };
  const actorOf = async (caller: string) => `key:${(await keyOf(caller)).slice(3, 19)}`;
  const open = async (caller: string, scope: Record<string, string>) =>
    t.request('/investigations', { method: 'POST', json: { agents: ['benford'], scope }, headers: { authorization: `Bearer ${await keyOf(caller)}` } });
  const finish = (id: string) => t.db.client.query(`UPDATE investigations SET status = 'completed', progress = 100, completed_at = now() WHERE id = $1`, [id]);

  it('finding "40 distinct investigations accepted in 1.5 s": scopes a millisecond apart are one run, and the rest are rate limited', async () => {
    const answers = [];
    for (let i = 0; i < 40; i++) answers.push(await open('203.0.113.40', { agencyId: agency, from: new Date(Date.UTC(2024, 0, 1, 12) + i).toISOString() }));
    const accepted = answers.filter((a) => a.status === 202);
    expect(accepted).toHaveLength(6);
    expect(new Set(accepted.map((a) => a.body.id)).size).toBe(1);
    expect(accepted[0].body).toMatchObject({ reused: false, scope: { agencyId: agency, from: '2024-01-01T00:00:00.000Z' } });
    expect(accepted.slice(1).every((a) => a.body.reused)).toBe(true);
    const refused = answers.filter((a) => a.status !== 202);
    expect(refused).toHaveLength(34);
    expect(refused[0].body).toMatchObject({ statusCode: 429, code: 'REQUEST.RATE_LIMITED' });
    expect(Number(refused[0].headers.get('retry-after'))).toBeGreaterThan(0);
    const { rows } = await t.db.client.query('SELECT count(*)::int AS n FROM investigations WHERE opened_by = $1', [await actorOf('203.0.113.40')]);
    expect(rows[0].n).toBe(1);
  });

  it('lets a caller have at most N queued or running: 429 INVESTIGATIONS.TOO_MANY_RUNNING, until one finishes', async () => {
    const first = await open('198.51.100.1', { category: 'running_a' });
    const second = await open('198.51.100.1', { category: 'running_b' });
    expect([first.status, second.status]).toEqual([202, 202]);
    const third = await open('198.51.100.1', { category: 'running_c' });
    expect(third).toMatchObject({ status: 429, body: { statusCode: 429, code: 'INVESTIGATIONS.TOO_MANY_RUNNING' } });
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    // A run already opened costs nothing; another caller is not held back.
    expect(await open('198.51.100.1', { category: 'running_a' })).toMatchObject({ status: 202, body: { id: first.body.id, reused: true } });
    expect((await open('198.51.100.2', { category: 'running_c' })).status).toBe(202);
    await finish(first.body.id);
    expect((await open('198.51.100.1', { category: 'running_d' })).status).toBe(202);
  });

  it('keeps a daily quota per caller: 429 INVESTIGATIONS.QUOTA_EXCEEDED with Retry-After until midnight UTC', async () => {
    for (const category of ['quota_a', 'quota_b', 'quota_c']) {
      const opened = await open('192.0.2.7', { category });
      expect(opened.status).toBe(202);
      await finish(opened.body.id);
    }
    const over = await open('192.0.2.7', { category: 'quota_d' });
    expect(over).toMatchObject({ status: 429, body: { code: 'INVESTIGATIONS.QUOTA_EXCEEDED', message: expect.stringContaining('midnight UTC') } });
    const retryAfter = Number(over.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(86_400);
  });

  it('caps queued investigations for everyone: 503 INVESTIGATIONS.BUSY with Retry-After', async () => {
    const { rows } = await t.db.client.query<{ n: number }>(`SELECT count(*)::int AS n FROM investigations WHERE status = 'queued'`);
    // Queued runs of callers of this test's own, up to the cap of 8.
    const mine: string[] = [];
    for (let i = 0; mine.length < 8 - rows[0].n; i++) {
      const opened = await open(`10.9.0.${i}`, { category: `busy_${i}` });
      expect(opened.status).toBe(202);
      mine.push(opened.body.id);
    }
    const busy = await open('10.9.1.1', { category: 'busy_over' });
    expect(busy).toMatchObject({ status: 503, body: { statusCode: 503, code: 'INVESTIGATIONS.BUSY' } });
    expect(Number(busy.headers.get('retry-after'))).toBeGreaterThan(0);
    await finish(mine[0]);
    expect((await open('10.9.1.1', { category: 'busy_over' })).status).toBe(202);
  });
});
