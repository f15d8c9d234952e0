import { Injectable, type INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { Test } from '@nestjs/testing';
import type { Job, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { AppConfig, ConfigModule } from '../../src/config/index.js';
import { JobsModule, JobsStatsService, QueueProcessor, workerSettings } from '../../src/platform/jobs/index.js';
import { deleteByPrefix } from '../../src/platform/redis/index.js';
import { testKeyPrefix } from '../support/test-database.js';
import { waitFor } from '../support/wait-for.js';

const QUEUE = 'flaky';
const BACKOFF_MS = 200;

/** Fails the first `failures` attempts of a job (data.failures), then returns its attempt number; records when each attempt started. */
@Injectable()
class FlakyProcessor extends QueueProcessor {
  readonly starts = new Map<string, number[]>();

  constructor(config: AppConfig) {
    super(QUEUE, workerSettings(config.jobs, 4));
  }

  async process(job: Job<{ failures: number }>): Promise<number> {
    const starts = this.starts.get(job.id!) ?? [];
    starts.push(Date.now());
    this.starts.set(job.id!, starts);
    if (starts.length <= job.data.failures) throw new Error(`attempt ${starts.length} fails`);
    return starts.length;
  }
}

/** Jobs through Hotpath's JobsModule and QueueProcessor, on the real Redis. */
describe('jobs: retries and failure', () => {
  const prefix = testKeyPrefix('jobs');
  const redis = new Redis('redis://127.0.0.1:6379/0');
  let app: INestApplicationContext;
  let queue: Queue;
  let processor: FlakyProcessor;

  beforeAll(async () => {
    const config = AppConfig.fromEnv({ REDIS_KEY_PREFIX: prefix, LOG_LEVEL: 'silent', JOBS_ATTEMPTS: '3', JOBS_BACKOFF_MS: String(BACKOFF_MS), JOBS_LOCK_DURATION_MS: '7000', JOBS_STALLED_INTERVAL_MS: '3000', JOBS_MAX_STALLED_COUNT: '2' });
    const module = await Test.createTestingModule({ imports: [ConfigModule.forRoot(config), JobsModule.forRoot([QUEUE])], providers: [FlakyProcessor] }).compile();
    app = await module.init();
    queue = app.get<Queue>(getQueueToken(QUEUE));
    processor = app.get(FlakyProcessor);
  });
  afterAll(async () => {
    await app.close();
    await deleteByPrefix(redis, prefix);
    redis.disconnect();
  });

  const settled = async (id: string) => {
    await waitFor(async () => ['completed', 'failed'].includes(await queue.getJobState(id)), 10_000);
    return (await queue.getJob(id))!;
  };

  it('builds the worker with the concurrency and stalled-job settings from config', () => {
    expect(processor.worker.concurrency).toBe(4);
    expect(processor.worker.opts).toMatchObject({ lockDuration: 7000, stalledInterval: 3000, maxStalledCount: 2, prefix: `${prefix}:bull` });
  });

  it('retries a failing job with exponential backoff until it succeeds', async () => {
    const added = await queue.add('flaky', { failures: 2 });
    const job = await settled(added.id!);
    expect([await job.getState(), job.returnvalue, job.attemptsMade]).toEqual(['completed', 3, 3]);
    const [first, second, third] = processor.starts.get(added.id!)!;
    // Exponential: BACKOFF_MS before the second attempt, twice that before the third.
    expect(second - first).toBeGreaterThanOrEqual(BACKOFF_MS);
    expect(third - second).toBeGreaterThanOrEqual(2 * BACKOFF_MS);
  });

  it('ends failed after JOBS_ATTEMPTS attempts, keeping the last error', async () => {
    const added = await queue.add('flaky', { failures: 99 });
    const job = await settled(added.id!);
    expect([await job.getState(), job.attemptsMade, job.failedReason]).toEqual(['failed', 3, 'attempt 3 fails']);
    expect(processor.starts.get(added.id!)).toHaveLength(3);
  });

  it('counts jobs per queue and state', async () => {
    expect((await app.get(JobsStatsService).counts())[QUEUE]).toMatchObject({ completed: 1, failed: 1, active: 0, waiting: 0 });
  });

  it('applies the bounded removal policy to every job', async () => {
    const job = await queue.add('flaky', { failures: 0 });
    expect(job.opts).toMatchObject({ attempts: 3, backoff: { type: 'exponential', delay: BACKOFF_MS }, removeOnComplete: { count: 1000 }, removeOnFail: { count: 5000 } });
    await settled(job.id!);
  });
});
