import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { Redis } from 'ioredis';
import { REDIS_CLIENT } from '../redis/index.js';
import { RATE_LIMIT_STORE } from './rate-limit.constants.js';
import { ConfigurableRateLimitModule, RATE_LIMIT_OPTIONS } from './rate-limit.module-definition.js';
import type { RateLimitModuleOptions } from './rate-limit.options.js';
import { RateLimitBudgetsExplorer } from './rate-limit-budgets.explorer.js';
import { RateLimitGate } from './rate-limit.gate.js';
import { RateLimitSubjects } from './rate-limit-subjects.js';
import { RateLimiter } from './rate-limiter.js';
import { RedisRateLimitStore } from './stores/redis-rate-limit-store.js';

/**
 * Rate limits shared across instances: a request gate (needs the http platform module's
 * `RequestGates`) over token buckets counted locally and reconciled with Redis in the
 * background. Buckets live in the app's shared Redis connection (`REDIS_CLIENT`) unless the
 * options give a store.
 */
@Module({
  imports: [DiscoveryModule],
  providers: [
    {
      provide: RATE_LIMIT_STORE,
      inject: [RATE_LIMIT_OPTIONS, { token: REDIS_CLIENT, optional: true }],
      useFactory: (options: RateLimitModuleOptions, redis: Redis | undefined) => {
        if (options.store) return options.store;
        if (!redis) throw new Error('RateLimitModule needs a store option or the redis module (REDIS_CLIENT)');
        return new RedisRateLimitStore(redis, options.keyPrefix);
      },
    },
    RateLimiter,
    RateLimitSubjects,
    RateLimitGate,
    RateLimitBudgetsExplorer,
  ],
  exports: [RateLimiter, RateLimitSubjects],
})
export class RateLimitModule extends ConfigurableRateLimitModule {}
