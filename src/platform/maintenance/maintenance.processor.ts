import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Job, UnrecoverableError } from 'bullmq';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../../config/index.js';
import { cleanupOutbox, EventStreamsInspector, trimEventStreams } from '../events/index.js';
import { JobsStatsService, MAINTENANCE_QUEUE, QueueProcessor, workerSettings } from '../jobs/index.js';
import { InjectRedis } from '../redis/index.js';
import { OUTBOX_CLEANUP_JOB, STATS_JOB, STREAM_TRIM_JOB } from './maintenance.constants.js';

/** Runs the maintenance queue's jobs in worker processes; each returns what it did (shown on the queue board). */
@Injectable()
export class MaintenanceProcessor extends QueueProcessor {
  private readonly logger = new Logger('Maintenance');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRedis() private readonly redis: Redis,
    private readonly inspector: EventStreamsInspector,
    private readonly stats: JobsStatsService,
    private readonly config: AppConfig,
  ) {
    super(MAINTENANCE_QUEUE, workerSettings(config.jobs, config.jobs.concurrency.maintenance), config.http.shutdownTimeoutMs);
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case OUTBOX_CLEANUP_JOB:
        return this.cleanupOutbox(job);
      case STREAM_TRIM_JOB:
        return this.trimStreams();
      case STATS_JOB:
        return this.report();
      default:
        throw new UnrecoverableError(`unknown maintenance job "${job.name}"`);
    }
  }

  private async cleanupOutbox(job: Job): Promise<{ deleted: number }> {
    const { outboxRetentionSeconds: retentionSeconds, outboxCleanupBatch: batch } = this.config.events;
    const [{ n }] = (await this.db.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NOT NULL AND published_at < now() - make_interval(secs => $1)`, [
      retentionSeconds,
    ])) as { n: number }[];
    const deleted = await cleanupOutbox(this.db, { retentionSeconds, batch }, (sofar) => job.updateProgress(Math.min(99, Math.floor((100 * sofar) / Math.max(n, 1)))));
    await job.updateProgress(100);
    this.logger.log({ msg: 'outbox cleaned up', deleted });
    return { deleted };
  }

  private async trimStreams(): Promise<{ streams: number; trimmed: number }> {
    const results = await trimEventStreams(this.redis, this.config.redis.keyPrefix);
    const trimmed = results.reduce((sum, r) => sum + r.trimmed, 0);
    this.logger.log({ msg: 'event streams trimmed', streams: results.length, trimmed });
    return { streams: results.length, trimmed };
  }

  private async report(): Promise<unknown> {
    const [queues, events] = await Promise.all([this.stats.counts(), this.inspector.report()]);
    const report = {
      queues,
      outbox: events.outbox,
      streams: events.streams.map((s) => ({ name: s.name, length: s.length, maxLag: Math.max(0, ...s.groups.map((g) => g.lag ?? 0)), pending: s.groups.reduce((sum, g) => sum + g.pending, 0) })),
    };
    this.logger.log({ msg: 'jobs and streams', ...report });
    return report;
  }
}
