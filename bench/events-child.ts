import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, ConfigModule } from '../src/config/index.js';
import { DatabaseModule } from '../src/platform/database/index.js';
import { EventConsumersModule, OutboxRelayModule } from '../src/platform/events/index.js';
import { RedisModule } from '../src/platform/redis/index.js';
import { appliedAt, BenchProjectionModule } from './lib/events-bench-consumer.js';

/**
 * The worker side of the events bench, as a process of its own: the outbox relay and one
 * projection consumer. On the parent's `report` message it sends when each event was applied.
 */
@Module({ imports: [ConfigModule.forRoot(AppConfig.fromEnv()), DatabaseModule, RedisModule, OutboxRelayModule, EventConsumersModule, BenchProjectionModule.forMode()] })
class EventsBenchWorker {}

const app = await NestFactory.createApplicationContext(EventsBenchWorker, { logger: ['error', 'warn'] });
await app.init();
process.on('message', (message) => {
  if (message === 'report') process.send?.({ appliedAt });
});
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
// The bench process is gone (killed, or failed): this one must not run on beside the next.
process.on('disconnect', () => void app.close().then(() => process.exit(0)));
process.send?.('ready');
