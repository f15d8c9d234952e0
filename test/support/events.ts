import type { LoggerService } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Test } from '@nestjs/testing';
import type { Redis } from 'ioredis';
import { AppConfig, ConfigModule, type Env } from '../../src/config/index.js';
import { type EventEnvelope, EventConsumersModule, EventConsumersService, streamOf, uuidV7 } from '../../src/platform/events/index.js';

/** An envelope as the outbox relay publishes it. */
export function anEvent(aggregateId: string, aggregateVersion: number, type = 'contract.updated', aggregateType = 'contract'): EventEnvelope {
  return {
    eventId: uuidV7(),
    type,
    schemaVersion: 1,
    aggregateType,
    aggregateId,
    aggregateVersion,
    occurredAt: new Date().toISOString(),
    correlationId: null,
    causationId: null,
    payload: { n: aggregateVersion },
  };
}

/** XADDs events to their shard streams exactly as the relay does (fields id, type, envelope). */
export async function publish(redis: Redis, prefix: string, shards: number, events: readonly EventEnvelope[]): Promise<void> {
  const pipeline = redis.pipeline();
  for (const e of events) pipeline.xadd(streamOf(prefix, e.aggregateType, e.aggregateId, shards), '*', 'id', e.eventId, 'type', e.type, 'envelope', JSON.stringify(e));
  for (const [error] of (await pipeline.exec()) ?? []) if (error) throw error;
}

/** `count` aggregate ids that land on `count` different shards (so they never wait on each other). */
export function aggregatesOnDistinctShards(prefix: string, shards: number, count: number, aggregateType = 'contract'): string[] {
  const byStream = new Map<string, string>();
  while (byStream.size < count) {
    const id = randomUUID();
    const stream = streamOf(prefix, aggregateType, id, shards);
    if (!byStream.has(stream)) byStream.set(stream, id);
  }
  return [...byStream.values()];
}

/** `count` aggregate ids that land on one shard. */
export function aggregatesOnOneShard(prefix: string, shards: number, count: number, aggregateType = 'contract'): string[] {
  const first = randomUUID();
  const stream = streamOf(prefix, aggregateType, first, shards);
  const ids = [first];
  while (ids.length < count) {
    const id = randomUUID();
    if (streamOf(prefix, aggregateType, id, shards) === stream) ids.push(id);
  }
  return ids;
}

export interface RunningConsumers {
  service: EventConsumersService;
  close(): Promise<void>;
}

/** The consumer runtime alone (config + EventConsumersModule) with the given providers, started; silent unless given a logger. */
export async function startConsumers(env: Env, providers: unknown[], logger: LoggerService | false = false, imports: unknown[] = []): Promise<RunningConsumers> {
  const config = AppConfig.fromEnv({ LOG_LEVEL: 'silent', ...env });
  const moduleRef = await Test.createTestingModule({ imports: [ConfigModule.forRoot(config), EventConsumersModule, ...(imports as never[])], providers: providers as never[] }).compile();
  moduleRef.useLogger(logger);
  await moduleRef.init();
  return { service: moduleRef.get(EventConsumersService), close: () => moduleRef.close() };
}
