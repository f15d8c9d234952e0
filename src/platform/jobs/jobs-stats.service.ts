import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { REGISTERED_QUEUES } from './jobs.constants.js';

export const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];
export type QueueCounts = Record<JobState, number>;

/** Job counts per queue and state (for the stats job now, Prometheus later). */
@Injectable()
export class JobsStatsService {
  constructor(@Inject(REGISTERED_QUEUES) private readonly queues: readonly Queue[]) {}

  async counts(): Promise<Record<string, QueueCounts>> {
    const entries = await Promise.all(this.queues.map(async (queue) => [queue.name, (await queue.getJobCounts(...JOB_STATES)) as QueueCounts] as const));
    return Object.fromEntries(entries);
  }
}
