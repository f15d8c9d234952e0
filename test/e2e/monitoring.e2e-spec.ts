import { Fixtures } from '../support/fixtures.js';
import { redisReady, startTestApp, type TestApp } from '../support/test-app.js';

/** The operators' reports and alerts: admin token required, each a JSON body of a known shape. */
describe('monitoring endpoints', () => {
  const token = 'test-admin-token-0123456789';
  const auth = { headers: { authorization: `Bearer ${token}` } };
  const endpoints = ['/admin/monitoring/redis/performance', '/admin/monitoring/redis/connections', '/admin/monitoring/cache', '/admin/monitoring/pools', '/admin/alerts', '/admin/health'];
  let t: TestApp;
  let contractId: string;

  beforeAll(async () => {
    t = await startTestApp('monitoring', { ADMIN_TOKEN: token, MONITOR_INTERVAL_MS: '0' });
    await redisReady(t.app);
    const fx = new Fixtures(t.db.client);
    contractId = (await fx.contract({ agencyId: await fx.agency(), supplierId: await fx.supplier(), amountCents: 100 })).id;
  });
  afterAll(() => t.close());

  it.each(endpoints)('%s needs the admin role', async (path) => {
    expect(await t.request(path)).toMatchObject({ status: 401, body: { statusCode: 401, code: 'AUTH.REQUIRED' } });
    expect(await t.request(path, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).toMatchObject({ status: 401, body: { code: 'AUTH.INVALID' } });
    expect(await t.request(path, { headers: t.as('analyst') })).toMatchObject({ status: 403, body: { code: 'AUTH.FORBIDDEN' } });
    // An admin API key is as good as the token; any query is refused.
    expect((await t.request(path, { headers: t.as('admin') })).status).toBe(200);
    expect(await t.request(`${path}?verbose=1`, auth)).toMatchObject({ status: 400, body: { code: 'REQUEST.INVALID' } });
  });

  it("reports Redis's performance: a score, findings with recommendations, the client's timing by command and role, the server's figures", async () => {
    await t.request(`/contracts/${contractId}`);
    await t.request(`/contracts/${contractId}`);
    const { status, body } = await t.request('/admin/monitoring/redis/performance', auth);
    expect(status).toBe(200);
    expect(body.healthScore).toBeGreaterThanOrEqual(0);
    expect(body.healthScore).toBeLessThanOrEqual(100);
    expect(['healthy', 'degraded', 'unhealthy']).toContain(body.status);
    for (const finding of body.findings) expect(finding).toEqual({ code: expect.any(String), severity: expect.stringMatching(/^(info|warning|critical)$/), message: expect.any(String), recommendation: expect.any(String) });
    expect(body.recommendations).toEqual([...new Set(body.findings.map((f: { recommendation: string }) => f.recommendation))]);
    expect(body.client.slowCommandMs).toBe(10);
    expect(body.client.perMinute).toHaveLength(60);
    // The cache's reads went over the shared connection.
    expect(body.client.recent).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'shared', command: expect.any(String), count: expect.any(Number), p95Ms: expect.any(Number) })]));
    expect(body.client.lastFiveMinutes.count).toBeGreaterThan(0);
    expect(body.server).toMatchObject({ version: expect.stringMatching(/^\d+\.\d+/), clients: { connected: expect.any(Number), max: expect.any(Number) }, memory: { policy: expect.any(String) }, slowlog: { available: true } });
    expect(body.rules.map((r: { name: string }) => r.name)).toEqual(['HotpathRedisSlowCommands', 'HotpathRedisErrorRate', 'HotpathRedisLatencyP95', 'HotpathRedisMemory', 'HotpathRedisClients']);
  });

  it("reports Redis connections: this process's by role, the server's grouped by name", async () => {
    const { status, body } = await t.request('/admin/monitoring/redis/connections', auth);
    expect(status).toBe(200);
    expect(body.process.byRole.shared).toBeGreaterThanOrEqual(1);
    expect(body.process.connections).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'hotpath-shared', role: 'shared', status: 'ready' })]));
    expect(body.server.groups).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'hotpath-shared', connections: expect.any(Number) })]));
    expect(Array.isArray(body.advice)).toBe(true);
  });

  it('reports the cache per namespace and route, with what caching would gain', async () => {
    await t.request('/agencies?limit=1');
    const { status, body } = await t.request('/admin/monitoring/cache', auth);
    expect(status).toBe(200);
    expect(body.enabled).toBe(true);
    expect(body.routes).toEqual(expect.arrayContaining([expect.objectContaining({ route: '/contracts/:id', namespace: 'api', hits: expect.any(Number), misses: expect.any(Number) })]));
    const byId = body.routes.find((r: { route: string }) => r.route === '/contracts/:id');
    expect(byId.hits + byId.misses).toBeGreaterThanOrEqual(2);
    expect(body.namespaces).toEqual(expect.arrayContaining([expect.objectContaining({ namespace: 'api', ttlSeconds: 300 })]));
    // An uncached GET route is timed; admin routes are not.
    expect(body.gains).toEqual(expect.arrayContaining([expect.objectContaining({ route: '/agencies', cached: false, requests: 1 })]));
    expect(body.gains.some((g: { route: string }) => g.route.startsWith('/admin'))).toBe(false);
    expect(body.l1).toMatchObject({ maxItems: 10000 });
  });

  it("reports the Postgres pool against the server's limit", async () => {
    const { status, body } = await t.request('/admin/monitoring/pools', auth);
    expect(status).toBe(200);
    expect(body.postgres.pool).toMatchObject({ max: 12, min: 2, acquisitions: expect.any(Number), waits: 0, timeouts: 0, exhaustions: [] });
    expect(body.postgres.pool.acquisitions).toBeGreaterThan(0);
    expect(body.postgres.server).toMatchObject({ maxConnections: expect.any(Number), version: expect.any(String) });
    expect(body.postgres.sizing).toMatchObject({ processes: 2, configuredMax: 12, suggestedMax: expect.any(Number) });
  });

  it('lists the alerts and every rule with its value and levels', async () => {
    const { status, body } = await t.request('/admin/alerts', auth);
    expect(status).toBe(200);
    expect(body).toMatchObject({ evaluatedAt: expect.any(String), intervalMs: 0, forSeconds: 60, alerts: expect.any(Array) });
    expect(body.rules).toHaveLength(11);
    expect(body.rules.find((r: { name: string }) => r.name === 'HotpathQueueDepth')).toMatchObject({ state: 'ok', value: 0, warning: 100, critical: 1000 });
    expect(body.rules.find((r: { name: string }) => r.name === 'HotpathRedisMemory')).toMatchObject({ value: expect.any(Number), warning: 0.8, critical: 0.95 });
  });

  it('shows every dependency with its timing and version', async () => {
    const { status, body } = await t.request('/admin/health', auth);
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', process: { pid: expect.any(Number), node: process.version } });
    expect(body.dependencies.database).toMatchObject({ status: 'up', durationMs: expect.any(Number), version: expect.stringMatching(/^\d+/) });
    expect(body.dependencies.redis).toMatchObject({ status: 'up', durationMs: expect.any(Number), version: expect.stringMatching(/^\d+\.\d+/) });
  });
});

/** The reports never fail or hang because Redis is away: they say so. */
describe('monitoring endpoints while Redis is unreachable', () => {
  const token = 'test-admin-token-0123456789';
  const auth = { headers: { authorization: `Bearer ${token}` } };
  let t: TestApp;

  beforeAll(async () => {
    // Port 1 on loopback refuses connections.
    t = await startTestApp('monitoring_noredis', { ADMIN_TOKEN: token, MONITOR_INTERVAL_MS: '0', REDIS_URL: 'redis://127.0.0.1:1/0', REDIS_CONNECT_TIMEOUT_MS: '200' });
  });
  afterAll(() => t.close());

  it('scores Redis 0 with the finding that it does not answer', async () => {
    const { status, body } = await t.request('/admin/monitoring/redis/performance', auth);
    expect(status).toBe(200);
    expect(body).toMatchObject({ healthScore: 0, status: 'unhealthy', server: null, findings: [expect.objectContaining({ code: 'REDIS.UNREACHABLE', severity: 'critical' })] });
  });

  it('answers the connections, alerts and health reports without the server', async () => {
    expect(await t.request('/admin/monitoring/redis/connections', auth)).toMatchObject({ status: 200, body: { server: null } });
    const alerts = await t.request('/admin/alerts', auth);
    expect(alerts.status).toBe(200);
    expect(alerts.body.rules.find((r: { name: string }) => r.name === 'HotpathRedisMemory')).toMatchObject({ state: 'no-data', value: null });
    expect(await t.request('/admin/health', auth)).toMatchObject({ status: 200, body: { status: 'error', dependencies: { redis: { status: 'down' }, database: { status: 'up' } } } });
  });
});
