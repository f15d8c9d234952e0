import type { DefaultJobOptions } from 'bullmq';
import type { AppConfig } from '../../config/index.js';

export type JobSettings = AppConfig['jobs'];

/**
 * What every job gets unless it says otherwise: JOBS_ATTEMPTS attempts with exponential
 * backoff (JOBS_BACKOFF_MS, then twice as long each time), and bounded history: finished jobs
 * are removed past a count and an age, so Redis never grows with the number of jobs ever run.
 */
export function defaultJobOptions(jobs: JobSettings): DefaultJobOptions {
  return {
    attempts: jobs.attempts,
    backoff: { type: 'exponential', delay: jobs.backoffMs },
    removeOnComplete: { count: jobs.keepCompleted.count, age: jobs.keepCompleted.ageSeconds },
    removeOnFail: { count: jobs.keepFailed.count, age: jobs.keepFailed.ageSeconds },
  };
}

/** Worker settings from config: concurrency, and how a job whose worker died (its lock expired) is found and retried. */
export interface JobWorkerSettings {
  concurrency: number;
  lockDuration: number;
  stalledInterval: number;
  maxStalledCount: number;
}

export function workerSettings(jobs: JobSettings, concurrency: number): JobWorkerSettings {
  return { concurrency, lockDuration: jobs.lockDurationMs, stalledInterval: jobs.stalledIntervalMs, maxStalledCount: jobs.maxStalledCount };
}
