import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { AppConfig } from '../../config/index.js';
import { MAINTENANCE_QUEUE, syncJobScheduler } from '../jobs/index.js';
import { OUTBOX_CLEANUP_JOB, STATS_JOB, STREAM_TRIM_JOB } from './maintenance.constants.js';

/** Keeps the maintenance job schedulers in step with config (idempotent: every worker does it at start-up). */
@Injectable()
export class MaintenanceSchedules implements OnApplicationBootstrap {
  private readonly logger = new Logger('Maintenance');

  constructor(
    @InjectQueue(MAINTENANCE_QUEUE) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.jobs.schedules;
    // Not awaited: a worker starts while Redis is away (the relay holds rows meanwhile); the commands go out when it returns.
    Promise.all([
      syncJobScheduler(this.queue, OUTBOX_CLEANUP_JOB, every.outboxCleanup),
      syncJobScheduler(this.queue, STREAM_TRIM_JOB, every.streamTrim),
      syncJobScheduler(this.queue, STATS_JOB, every.stats),
    ])
      .then(() => this.logger.log({ msg: 'maintenance schedules', everySeconds: every }))
      .catch((error: unknown) => this.logger.warn({ msg: 'maintenance schedules not registered', error: String(error) }));
  }
}
