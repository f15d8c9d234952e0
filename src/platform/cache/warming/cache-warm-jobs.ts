import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { AppConfig } from '../../../config/index.js';
import { CACHE_WARM_QUEUE, syncJobScheduler } from '../../jobs/index.js';
import type { WarmerProgress } from './warm-progress.js';

export type WarmTrigger = 'admin' | 'schedule';

/** A cache-warm job as operators see it. */
export interface WarmJobView {
  id: string;
  trigger: WarmTrigger;
  /** BullMQ state: waiting, delayed, active, completed, failed… */
  state: string;
  /** 0..100 */
  progress: number;
  attemptsMade: number;
  createdAt: string;
  finishedAt: string | null;
  failedReason: string | null;
  /** Each warmer's figures once the job completed. */
  warmers: WarmerProgress[] | null;
}

export const WARM_JOB = 'warm';
const SCHEDULER_ID = 'cache-warm';
/** At most one warm job waits or runs at a time: asking again while one does returns it. */
const DEDUPLICATION_ID = 'cache-warm';

/** Enqueues and reads cache-warm jobs; keeps the CACHE_WARM_INTERVAL job scheduler in step with config. */
@Injectable()
export class CacheWarmJobs implements OnApplicationBootstrap {
  private readonly logger = new Logger('CacheWarming');

  constructor(
    @InjectQueue(CACHE_WARM_QUEUE) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    // Not awaited: the API starts without Redis; the command goes out when Redis answers.
    syncJobScheduler(this.queue, SCHEDULER_ID, this.config.cache.warmIntervalSeconds, WARM_JOB, { trigger: 'schedule' }).catch((error: unknown) =>
      this.logger.warn({ msg: 'cache-warm schedule not registered', error: String(error) }),
    );
  }

  async enqueue(trigger: WarmTrigger): Promise<WarmJobView> {
    const job = await this.queue.add(WARM_JOB, { trigger }, { deduplication: { id: DEDUPLICATION_ID } });
    return (await this.job(String(job.id))) ?? toView(job, 'waiting');
  }

  async job(id: string): Promise<WarmJobView | undefined> {
    // State first, then the job's fields: read the other way round, a job finishing in between
    // would show as completed with the fields (attempts, result) of before.
    const state = await this.queue.getJobState(id);
    if (state === 'unknown') return undefined;
    const job = await this.queue.getJob(id);
    return job ? toView(job, state) : undefined;
  }
}

function toView(job: Job, state: string): WarmJobView {
  return {
    id: String(job.id),
    trigger: (job.data as { trigger?: WarmTrigger }).trigger ?? 'admin',
    state,
    progress: typeof job.progress === 'number' ? job.progress : 0,
    attemptsMade: job.attemptsMade,
    createdAt: new Date(job.timestamp).toISOString(),
    finishedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
    failedReason: job.failedReason || null,
    warmers: (job.returnvalue as WarmerProgress[] | null | undefined) ?? null,
  };
}
