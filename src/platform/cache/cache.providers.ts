import type { Provider } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppConfig } from '../../config/index.js';
import { createRedisConnection, REDIS_CLIENT } from '../redis/index.js';
import { CACHE_BUS, CACHE_L2_STORE } from './cache.constants.js';
import type { CacheBus } from './stores/cache-bus.js';
import type { L2Store } from './stores/l2-store.js';
import { RedisCacheBus } from './stores/redis-cache-bus.js';
import { RedisL2Store } from './stores/redis-l2-store.js';
import { TieredCache } from './tiered-cache.js';

export const CACHE_PROVIDERS: Provider[] = [
  {
    provide: CACHE_L2_STORE,
    inject: [REDIS_CLIENT, AppConfig],
    useFactory: (redis: Redis, config: AppConfig) => new RedisL2Store(redis, `${config.redis.keyPrefix}:t:`),
  },
  {
    provide: CACHE_BUS,
    inject: [REDIS_CLIENT, AppConfig],
    useFactory: (redis: Redis, config: AppConfig) =>
      new RedisCacheBus(redis, createRedisConnection(config.redis, 'subscriber', 'hotpath-cache-bus'), `${config.redis.keyPrefix}:cache:bus`),
  },
  {
    provide: TieredCache,
    inject: [AppConfig, CACHE_L2_STORE, CACHE_BUS],
    useFactory: (config: AppConfig, l2: L2Store, bus: CacheBus) =>
      new TieredCache(
        {
          keyPrefix: `${config.redis.keyPrefix}:c`,
          defaultTtlSeconds: config.cache.ttlSeconds,
          namespaceTtlSeconds: config.cache.namespaceTtlSeconds,
          l1MaxItems: config.cache.l1MaxItems,
          l1MaxBytes: config.cache.l1MaxBytes,
          earlyRefreshBeta: config.cache.earlyRefreshBeta,
          graceSeconds: config.cache.graceSeconds,
          softTimeoutMs: config.cache.softTimeoutMs,
          lockTtlMs: config.cache.lockTtlMs,
        },
        l2,
        bus,
      ),
  },
];
