import { AppConfig } from '../../config/index.js';
import { bullConnection, bullPrefix } from './bull-connection.js';
import { defaultJobOptions, workerSettings } from './job-options.js';

describe('job options', () => {
  const config = AppConfig.fromEnv({
    JOBS_ATTEMPTS: '4',
    JOBS_BACKOFF_MS: '250',
    JOBS_KEEP_COMPLETED: '10',
    JOBS_KEEP_COMPLETED_AGE: '120',
    JOBS_KEEP_FAILED: '20',
    JOBS_KEEP_FAILED_AGE: '600',
    JOBS_LOCK_DURATION_MS: '5000',
    JOBS_STALLED_INTERVAL_MS: '2000',
    JOBS_MAX_STALLED_COUNT: '2',
  });

  it('retries with exponential backoff and keeps a bounded history', () => {
    expect(defaultJobOptions(config.jobs)).toEqual({
      attempts: 4,
      backoff: { type: 'exponential', delay: 250 },
      removeOnComplete: { count: 10, age: 120 },
      removeOnFail: { count: 20, age: 600 },
    });
  });

  it('gives workers their concurrency and stalled-job recovery settings', () => {
    expect(workerSettings(config.jobs, 7)).toEqual({ concurrency: 7, lockDuration: 5000, stalledInterval: 2000, maxStalledCount: 2 });
  });

  it('connects as BullMQ requires (no per-command retry limit) under the key prefix', () => {
    const settings = { ...config.redis, url: 'redis://10.0.0.5:6380/2' };
    expect(bullConnection(settings)).toMatchObject({ url: 'redis://10.0.0.5:6380/2', maxRetriesPerRequest: null, enableAutoPipelining: false });
    expect(bullPrefix('hotpath')).toBe('hotpath:bull');
  });
});
