import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app.factory.js';
import { AppConfig, type Env } from '../../src/config/index.js';
import { PreRouterHits } from '../../src/platform/cache/index.js';
import { RateLimiter } from '../../src/platform/rate-limit/index.js';
import { Fixtures, type ContractFixture } from '../support/fixtures.js';
import { GENEROUS_LIMITS, redisReady, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Refill is slow enough (one token per 1,000 s) that the counts below do not depend on how long
 * the test takes. Each test is its own client address (`X-Forwarded-For`, one trusted proxy).
 */
const LIMITS: Env = {
  TRUST_PROXY: '1',
  RATE_LIMIT_ANONYMOUS_RPS: '0.001',
  RATE_LIMIT_ANONYMOUS_BURST: '100',
  RATE_LIMIT_ANONYMOUS_WRITE_RPS: '0.001',
  RATE_LIMIT_ANONYMOUS_WRITE_BURST: '3',
  RATE_LIMIT_KEY_WRITE_RPS: '0.001',
  RATE_LIMIT_KEY_WRITE_BURST: '2',
};

describe('rate limits (HTTP)', () => {
  let t: TestApp;
  let contract: ContractFixture;

  beforeAll(async () => {
    t = await startTestApp('limits', LIMITS);
    await redisReady(t.app);
    const fx = new Fixtures(t.db.client);
    contract = await fx.contract({ agencyId: await fx.agency(), supplierId: await fx.supplier() });
  });
  afterAll(() => t.close());

  const from = (address: string, headers: Record<string, string> = {}) => ({ headers: { 'x-forwarded-for': address, ...headers } });
  const limitHeaders = (headers: Headers) => [headers.get('ratelimit-limit'), headers.get('ratelimit-remaining'), headers.get('ratelimit-reset')];

  it('puts RateLimit-Limit, -Remaining and -Reset on every answer: 200, 304, 404, 400 and refused writes', async () => {
    const first = await t.request(`/contracts/${contract.id}`, from('203.0.113.1'));
    expect(first.status).toBe(200);
    expect(limitHeaders(first.headers)).toEqual(['100', '99', '1000']);
    const preRouted = t.app.get(PreRouterHits).served;
    const notModified = await t.request(`/contracts/${contract.id}`, from('203.0.113.1', { 'if-none-match': first.headers.get('etag') as string }));
    expect(notModified.status).toBe(304);
    // Answered by the pre-router, after the limiter.
    expect(t.app.get(PreRouterHits).served).toBe(preRouted + 1);
    expect(limitHeaders(notModified.headers)).toEqual(['100', '98', '2000']);
    const nowhere = await t.request('/nowhere', from('203.0.113.1'));
    expect([nowhere.status, nowhere.headers.get('ratelimit-remaining')]).toEqual([404, '97']);
    const invalid = await t.request('/contracts/not-a-uuid', from('203.0.113.1'));
    expect([invalid.status, invalid.headers.get('ratelimit-remaining')]).toEqual([400, '96']);
    const head = await fetch(`${t.baseUrl}/contracts/${contract.id}`, { method: 'HEAD', ...from('203.0.113.1') });
    expect([head.status, head.headers.get('ratelimit-remaining')]).toEqual([200, '95']);
    // Writes draw on their own budget, refused ones (no credentials) included.
    const badWrite = await t.request('/contracts', { method: 'POST', json: { amountCents: -1 }, ...from('203.0.113.1') });
    expect(badWrite.status).toBe(401);
    expect(limitHeaders(badWrite.headers)).toEqual(['3', '2', '1000']);
  });

  it('refuses a client over budget with 429 REQUEST.RATE_LIMITED and Retry-After, and only that client', async () => {
    const writes = [];
    for (let i = 0; i < 4; i++) writes.push(await t.request(`/contracts/${contract.id}`, { method: 'PATCH', json: { version: 999 }, ...from('198.51.100.2') }));
    expect(writes.map((w) => w.status)).toEqual([401, 401, 401, 429]);
    const refused = writes[3];
    expect(refused.body).toEqual({ statusCode: 429, code: 'REQUEST.RATE_LIMITED', message: expect.stringContaining('write budget') });
    expect(Number(refused.headers.get('retry-after'))).toBe(1000);
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect(refused.headers.get('cache-control')).toBe('no-store');
    // Reads are another budget; another address another bucket.
    expect((await t.request(`/contracts/${contract.id}`, from('198.51.100.2'))).status).toBe(200);
    expect((await t.request(`/contracts/${contract.id}`, { method: 'PATCH', json: { version: 999 }, ...from('198.51.100.3') })).status).toBe(401);
  });

  it('counts a caller with a key by its key, wherever it calls from, and refused credentials by address', async () => {
    const patch = (address: string, headers: Record<string, string>) => t.request(`/contracts/${contract.id}`, { method: 'PATCH', json: { version: 999 }, ...from(address, headers) });
    expect((await patch('198.51.100.20', t.as('editor'))).status).toBe(409);
    const second = await patch('198.51.100.21', t.as('editor'));
    expect([second.status, ...limitHeaders(second.headers)]).toEqual([409, '2', '0', '2000']);
    expect((await patch('198.51.100.22', t.as('editor'))).body).toMatchObject({ statusCode: 429, code: 'REQUEST.RATE_LIMITED' });
    // Another key has its own bucket; a made-up key counts against its address.
    expect((await patch('198.51.100.22', t.as('admin'))).status).toBe(409);
    const madeUp = await patch('198.51.100.22', { authorization: 'Bearer hp_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
    expect([madeUp.status, ...limitHeaders(madeUp.headers)]).toEqual([401, '3', '2', '1000']);
  });

  it('refuses a pre-routed hit of a client over budget, before the cache answers', async () => {
    const path = `/contracts/${contract.id}`;
    await t.request(path, from('198.51.100.9'));
    const preRouted = t.app.get(PreRouterHits).served;
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) statuses.push((await t.request(path, from('198.51.100.9'))).status);
    expect(statuses.slice(0, 99).every((status) => status === 200)).toBe(true);
    expect(statuses[99]).toBe(429);
    expect(t.app.get(PreRouterHits).served).toBe(preRouted + 99);
  });

  it('counts a client by the address the trusted proxy saw, whatever it puts in front', async () => {
    const spoofed = (fake: string) => t.request('/nowhere', from(`${fake}, 192.0.2.44`));
    expect((await spoofed('10.0.0.1')).headers.get('ratelimit-remaining')).toBe('99');
    expect((await spoofed('10.0.0.2')).headers.get('ratelimit-remaining')).toBe('98');
  });

  it('shares one budget between two instances: what a flood gets from both is within 10% of it', async () => {
    const second = await secondInstance(t);
    try {
      const base = [t.baseUrl, second.url];
      let admitted = 0;
      for (let round = 0; round < 15; round++) {
        const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => fetch(`${base[i % 2]}/contracts/${contract.id}`, from('192.0.2.99'))));
        admitted += answers.filter((answer) => answer.status === 200).length;
        expect(answers.every((answer) => answer.status === 200 || answer.status === 429)).toBe(true);
      }
      // 300 requests against a burst of 100 (refill is negligible here).
      expect(admitted).toBeGreaterThanOrEqual(90);
      expect(admitted).toBeLessThanOrEqual(110);
      // Once both have synced, neither admits that client.
      await Promise.all([t.app.get(RateLimiter).sync(), second.app.get(RateLimiter).sync()]);
      expect((await fetch(`${second.url}/contracts/${contract.id}`, from('192.0.2.99'))).status).toBe(429);
      expect((await fetch(`${t.baseUrl}/contracts/${contract.id}`, from('192.0.2.99'))).status).toBe(429);
    } finally {
      await second.app.close();
    }
  });
});

/** Another API instance over the same database and Redis prefix, with the same limits. */
async function secondInstance(t: TestApp): Promise<{ app: NestFastifyApplication; url: string }> {
  const first = t.app.get(AppConfig);
  const config = AppConfig.fromEnv({ DATABASE_URL: t.db.url, REDIS_KEY_PREFIX: first.redis.keyPrefix, LOG_LEVEL: 'silent', PROCESS_ROLE: 'api', DATABASE_POOL_SIZE: '2', CACHE_WARM_ON_START: 'false', CACHE_WARM_INTERVAL: '0', ...GENEROUS_LIMITS, ...LIMITS });
  const app = await createApp(config);
  await app.listen({ host: '127.0.0.1', port: 0 });
  await redisReady(app);
  return { app, url: `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}` };
}
