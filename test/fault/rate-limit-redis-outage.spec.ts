import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { RateLimiter } from '../../src/platform/rate-limit/index.js';
import { PrivateRedis } from '../support/private-redis.js';
import { redisReady, startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

/** The rate limiter when its Redis goes away and comes back: limits hold, per instance, and the outage is logged once. */
describe('rate limits during a Redis outage', () => {
  let redis: PrivateRedis;
  let t: TestApp;
  const messages = (spy: { mock: { calls: unknown[][] } }) => spy.mock.calls.map(([entry]) => String((entry as { msg?: unknown }).msg ?? entry)).filter((msg) => msg.startsWith('rate limit store'));

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    t = await startTestApp('rate_limit_outage', {
      REDIS_URL: redis.url,
      REDIS_COMMAND_TIMEOUT_MS: '200',
      REDIS_CONNECT_TIMEOUT_MS: '200',
      TRUST_PROXY: '1',
      RATE_LIMIT_ANONYMOUS_RPS: '0.001',
      RATE_LIMIT_ANONYMOUS_BURST: '10',
    });
    await redisReady(t.app);
  });
  afterAll(async () => {
    await t.close();
    await redis.stop();
  });

  it('keeps limiting with its own counts while Redis is away, logs that once, and once when it is back', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const log = jest.spyOn(Logger.prototype, 'log');
    const limiter = t.app.get(RateLimiter);
    const get = (address: string) => t.request('/nowhere', { headers: { 'x-forwarded-for': address } });
    try {
      for (let i = 0; i < 4; i++) expect((await get('203.0.113.5')).status).toBe(404);
      await limiter.sync();
      expect(limiter.shared).toBe(true);

      await redis.stop();
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) {
        statuses.push((await get('203.0.113.5')).status);
        // Several syncs fail meanwhile, each with the admissions since the last.
        await limiter.sync();
      }
      // 6 of the burst of 10 were left.
      expect(statuses).toEqual([404, 404, 404, 404, 404, 404, 429, 429, 429, 429]);
      expect(limiter.shared).toBe(false);
      expect(limiter.stats.failures).toBeGreaterThanOrEqual(3);
      // Another caller still gets its own budget.
      expect((await get('198.51.100.6')).status).toBe(404);
      expect(messages(warn)).toEqual(['rate limit store unavailable: each instance limits with its own counts until it is back']);

      await redis.start();
      await waitFor(async () => {
        await get('198.51.100.7');
        await limiter.sync();
        return limiter.shared;
      }, 10_000, 100);
      expect(messages(log)).toEqual(['rate limit store back: limits are shared again']);
      expect(messages(warn)).toHaveLength(1);
      // The caller's own count carries on across the outage.
      expect((await get('203.0.113.5')).status).toBe(429);
    } finally {
      warn.mockRestore();
      log.mockRestore();
    }
  });
});
