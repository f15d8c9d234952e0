import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Redis } from 'ioredis';
import { InjectRedis } from '../redis/index.js';

@Injectable()
export class RedisHealthIndicator {
  constructor(
    @InjectRedis() private readonly redis: Redis,
    private readonly health: HealthIndicatorService,
  ) {}

  pingCheck(key: string, timeoutMs: number) {
    return this.health
      .check(key)
      .attempt(async () => {
        if (this.redis.status !== 'ready') throw new Error(`connection is ${this.redis.status}`);
        await this.redis.ping();
      })
      .withTimeout(timeoutMs);
  }
}
