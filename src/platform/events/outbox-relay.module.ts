import { Inject, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppConfig } from '../../config/index.js';
import { REDIS_CLIENT } from '../redis/index.js';
import { OutboxRelay } from './outbox-relay.js';
import { OutboxRelayReadiness } from './outbox-relay.readiness.js';

/** Runs the outbox relay in the worker process: started once the app is up, drained on shutdown. */
@Module({
  providers: [
    {
      provide: OutboxRelay,
      inject: [AppConfig, REDIS_CLIENT],
      useFactory: (config: AppConfig, redis: Redis) =>
        new OutboxRelay(
          { databaseUrl: config.database.url, keyPrefix: config.redis.keyPrefix, shards: config.events.streamShards, pollMs: config.events.outboxPollMs, batch: config.events.outboxBatch },
          redis,
        ),
    },
    OutboxRelayReadiness,
  ],
  exports: [OutboxRelay],
})
export class OutboxRelayModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(OutboxRelay) private readonly relay: OutboxRelay) {}

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}
