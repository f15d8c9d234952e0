import { Redis } from 'ioredis';
import { TieredCache, type TieredCacheSettings } from '../../src/platform/cache/index.js';
import { deleteByPrefix } from '../../src/platform/redis/index.js';
import { RedisCacheBus } from '../../src/platform/cache/stores/redis-cache-bus.js';
import { RedisL2Store } from '../../src/platform/cache/stores/redis-l2-store.js';

export const BENCH_REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/0';

/** TieredCache instances over Redis for benchmarks, each with its own connections, as separate processes would have. */
export class BenchCaches {
  private readonly connections: Redis[] = [];
  private readonly caches: TieredCache[] = [];

  constructor(readonly prefix: string) {}

  create(overrides: Partial<TieredCacheSettings> = {}): TieredCache {
    const shared = new Redis(BENCH_REDIS_URL, { enableAutoPipelining: true });
    const subscriber = new Redis(BENCH_REDIS_URL);
    this.connections.push(shared, subscriber);
    const cache = new TieredCache(
      { keyPrefix: `${this.prefix}:c`, defaultTtlSeconds: 600, namespaceTtlSeconds: {}, l1MaxItems: 200_000, l1MaxBytes: 512 * 1024 * 1024, earlyRefreshBeta: 1, graceSeconds: 60, softTimeoutMs: 1000, lockTtlMs: 5000, ...overrides },
      new RedisL2Store(shared, `${this.prefix}:t:`),
      new RedisCacheBus(shared, subscriber, `${this.prefix}:bus`),
    );
    cache.listen();
    this.caches.push(cache);
    return cache;
  }

  /** Closes every instance and deletes every key under the prefix (SCAN). */
  async close(): Promise<void> {
    for (const cache of this.caches) await cache.close();
    const redis = new Redis(BENCH_REDIS_URL);
    await deleteByPrefix(redis, this.prefix);
    redis.disconnect();
    for (const connection of this.connections) connection.disconnect();
  }
}
