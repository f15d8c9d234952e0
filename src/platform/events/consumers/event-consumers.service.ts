import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { AppConfig } from '../../../config/index.js';
import { closeRedis, createRedisConnection } from '../../redis/index.js';
import { shardStreams } from '../event-streams.js';
import type { ConsumerSettings } from './consumer-settings.js';
import type { EventConsumerStats } from './consumer-stats.js';
import { EventConsumerRunner } from './event-consumer.runner.js';
import { EventConsumersExplorer } from './event-consumers.explorer.js';
import { GroupStreams } from './group-streams.js';
import type { ResolvedConsumer } from './resolved-consumer.js';

/**
 * Runs every `@EventConsumer` of the process: found (and validated) at init, started once the
 * app is up, stopped before shutdown — before any module's `onApplicationShutdown`, so the
 * handlers still running finish while the database pool and other resources they use are
 * open. Each consumer has its own blocking connection; acks, claims and dead letters share
 * one command connection.
 */
@Injectable()
export class EventConsumersService implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('EventConsumers');
  /** Unique per process, so a restarted process never mistakes a dead one's pending entries for its own. */
  readonly consumerName = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  private consumers: ResolvedConsumer[] = [];
  private runners: EventConsumerRunner[] = [];
  private commands: Redis | undefined;

  constructor(
    private readonly explorer: EventConsumersExplorer,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.consumers = this.explorer.explore();
  }

  onApplicationBootstrap(): void {
    if (this.consumers.length === 0) return;
    const settings = this.settings();
    const commands = createRedisConnection(this.config.redis, 'shared', 'hotpath-events-consumers');
    this.commands = commands;
    this.runners = this.consumers.map((consumer) => {
      const blocking = createRedisConnection(this.config.redis, 'blocking', `hotpath-consumer-${consumer.group}`);
      const streams = consumer.aggregateTypes.flatMap((type) => shardStreams(settings.keyPrefix, type, settings.shards));
      const redis = new GroupStreams(streams, consumer.group, this.consumerName, blocking, commands, settings.keyPrefix);
      return new EventConsumerRunner(consumer, redis, settings, () => blocking.disconnect());
    });
    for (const runner of this.runners) runner.start();
    this.logger.log({ msg: 'event consumers started', consumer: this.consumerName, groups: this.consumers.map((c) => c.group) });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.stop()));
    this.runners = [];
    if (this.commands) await closeRedis(this.commands);
    this.commands = undefined;
  }

  /** Per group: whether it reads and whether it fails. */
  health(): { group: string; reading: boolean; failing: boolean }[] {
    return this.runners.map((runner) => runner.health());
  }

  /** Groups this process runs (known from start-up, before they are started). */
  get groups(): string[] {
    return this.consumers.map((consumer) => consumer.group);
  }

  /** Per group: handled, retried, dead-lettered, reclaimed, skipped, in flight. */
  stats(): EventConsumerStats[] {
    return this.runners.map((runner) => runner.stats());
  }

  private settings(): ConsumerSettings {
    const { consumer } = this.config.events;
    return {
      keyPrefix: this.config.redis.keyPrefix,
      shards: this.config.events.streamShards,
      batch: consumer.batch,
      blockMs: consumer.blockMs,
      maxInFlight: consumer.maxInFlight,
      concurrency: consumer.concurrency,
      handlerTimeoutMs: consumer.handlerTimeoutMs,
      retryBaseMs: consumer.retryBaseMs,
      retryMaxMs: consumer.retryMaxMs,
      reclaimIntervalMs: consumer.reclaimIntervalMs,
      drainTimeoutMs: Math.min(consumer.handlerTimeoutMs, Math.floor(this.config.http.shutdownTimeoutMs * 0.8)),
    };
  }
}
