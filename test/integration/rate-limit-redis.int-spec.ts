import type { Redis } from 'ioredis';
import { RateLimiter, type RateLimitModuleOptions, RedisRateLimitStore } from '../../src/platform/rate-limit/index.js';
import { createRedisConnection, deleteByPrefix } from '../../src/platform/redis/index.js';
import { testKeyPrefix } from '../support/test-database.js';
import { connectionReady } from '../support/wait-for.js';

const REDIS = { url: 'redis://127.0.0.1:6379/0', connectTimeoutMs: 2000, commandTimeoutMs: 2000 };
const limit = { rate: 100, burst: 200 };

describe('rate limits over Redis', () => {
  const prefix = testKeyPrefix('rate_limit');
  let redis: Redis;
  let store: RedisRateLimitStore;

  beforeAll(async () => {
    redis = createRedisConnection({ ...REDIS, keyPrefix: prefix }, 'shared');
    await connectionReady(redis);
    store = new RedisRateLimitStore(redis, prefix);
  });
  afterAll(async () => {
    await deleteByPrefix(redis, prefix);
    redis.disconnect();
  });

  describe('the store', () => {
    it('starts a caller full, charges what was admitted and refills at the rate, in fractions', async () => {
      expect(await store.sync(1_000_000, [{ table: 'read:anonymous', limit, ids: ['a', 'b'], consumed: [5, 200] }])).toEqual([[195, 0]]);
      expect(await store.sync(1_000_015, [{ table: 'read:anonymous', limit, ids: ['a'], consumed: [1] }])).toEqual([[195.5]]);
      // Tables keep apart: the same id in another budget is another bucket.
      expect(await store.sync(1_000_015, [{ table: 'write:anonymous', limit, ids: ['a'], consumed: [1] }])).toEqual([[199]]);
    });

    it('lets a bucket owe down to minus its burst, and forgets it once it would be full again', async () => {
      expect(await store.sync(2_000_000, [{ table: 'read:key', limit, ids: ['debtor'], consumed: [1000] }])).toEqual([[-200]]);
      const ttl = await redis.pttl(`${prefix}:{rl}:read:key:debtor`);
      // From -200 to 200 at 100/s: 4 s, and a second to spare.
      expect(ttl).toBeGreaterThan(4000);
      expect(ttl).toBeLessThanOrEqual(5000);
      expect(await store.sync(2_001_000, [{ table: 'read:key', limit, ids: ['debtor'], consumed: [0] }])).toEqual([[-100]]);
    });

    it('answers every bucket of a sync, however many, in order', async () => {
      const ids = Array.from({ length: 2500 }, (_, i) => `10.1.${i >> 8}.${i & 255}`);
      const consumed = ids.map((_, i) => i % 7);
      const [many, few] = await store.sync(3_000_000, [
        { table: 'read:anonymous', limit, ids, consumed },
        { table: 'write:anonymous', limit: { rate: 1, burst: 10 }, ids: ['x'], consumed: [3] },
      ]);
      expect(many).toEqual(consumed.map((c) => 200 - c));
      expect(few).toEqual([7]);
    });
  });

  it('two instances on one prefix share one budget: a 10 s flood gets within 10% of burst + rate x time', async () => {
    let now = 5_000_000;
    const options: RateLimitModuleOptions = { enabled: true, budgets: { read: { anonymous: limit, key: limit }, write: { anonymous: limit, key: limit } }, trustProxyHops: 0, keyPrefix: prefix, store, syncIntervalMs: 0, clock: () => now };
    const instances = [new RateLimiter(options, store), new RateLimiter(options, store)];
    let admitted = 0;
    for (let ms = 0; ms < 10_000; ms++, now++) {
      for (let i = 0; i < 2; i++) {
        for (let r = 0; r < 3; r++) if (instances[i].table('read', 'anonymous')!.take('flooder', now).admitted) admitted++;
        if ((ms + i * 25) % 50 === 0) await instances[i].sync();
      }
    }
    const expected = 200 + 100 * 10;
    expect(Math.abs(admitted - expected) / expected).toBeLessThan(0.1);
  });
});
