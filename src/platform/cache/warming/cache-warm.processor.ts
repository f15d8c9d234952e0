import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { AppConfig } from '../../../config/index.js';
import { CACHE_WARM_QUEUE, QueueProcessor, workerSettings } from '../../jobs/index.js';
import { CacheWarmingService } from './cache-warming.service.js';
import type { WarmerProgress } from './warm-progress.js';

/**
 * Runs cache-warm jobs. It lives in API processes (see README, "Processes"): warmers request
 * routes through this app's HTTP stack, so the process that takes the job fills its own L1 and
 * the shared L2 with exactly what clients get.
 */
@Injectable()
export class CacheWarmProcessor extends QueueProcessor {
  constructor(
    private readonly warming: CacheWarmingService,
    config: AppConfig,
  ) {
    super(CACHE_WARM_QUEUE, workerSettings(config.jobs, config.jobs.concurrency.cacheWarm), config.http.shutdownTimeoutMs);
  }

  process(job: Job): Promise<WarmerProgress[]> {
    return this.warming.warm((percent) => job.updateProgress(percent));
  }
}
