import { maintenanceQueueFixture } from '../support/maintenance-queue.js';
import { startNode, WORKER_ENTRY as WORKER } from '../support/node-process.js';
import { waitFor } from '../support/wait-for.js';

const ROWS = 30_000;

/**
 * kill -9 of the worker while it runs a job that takes seconds (an outbox cleanup of many
 * rows in small batches): the job's lock expires, the next worker's stalled check puts it
 * back, and it completes there. SIGTERM instead: the worker finishes the job before exiting.
 */
describe('worker stopped mid-job', () => {
  const fx = maintenanceQueueFixture('job_kill');

  const fill = () =>
    fx.db.client.query(
      `INSERT INTO outbox (event_id, type, schema_version, aggregate_type, aggregate_id, aggregate_version, occurred_at, payload, published_at)
         SELECT gen_random_uuid(), 'contract.updated', 1, 'contract', gen_random_uuid(), 1, now() - interval '2 days', '{}', now() - interval '2 days'
         FROM generate_series(1, $1)`,
      [ROWS],
    );
  const settings = (extra: Record<string, string> = {}) => ({
    DATABASE_URL: fx.db.url,
    REDIS_KEY_PREFIX: fx.prefix,
    LOG_LEVEL: 'warn',
    OUTBOX_RETENTION: '3600',
    OUTBOX_CLEANUP_BATCH: '50',
    // Only the test's jobs: no schedules.
    OUTBOX_CLEANUP_INTERVAL: '0',
    STREAM_TRIM_INTERVAL: '0',
    JOBS_STATS_INTERVAL: '0',
    JOBS_LOCK_DURATION_MS: '2000',
    JOBS_STALLED_INTERVAL_MS: '1000',
    ...extra,
  });
  const left = async () => Number((await fx.db.client.query<{ n: string }>('SELECT count(*) AS n FROM outbox')).rows[0].n);

  it('retries the stalled job on the next worker, which completes it', async () => {
    await fill();
    const env = settings();
    const job = await fx.queue.add('outbox-cleanup', {});

    const first = startNode(WORKER, env);
    try {
      await waitFor(async () => (await left()) < ROWS - 1000, 30_000, 50);
      expect(await fx.queue.getJobState(job.id!)).toBe('active');
      first.child.kill('SIGKILL');
      await first.exited;
    } finally {
      first.child.kill('SIGKILL');
    }
    // A DELETE the killed worker had sent may still commit on the server after it died.
    await waitFor(async () => (await fx.db.client.query<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'")).rows[0].n === '0', 30_000, 50);
    const afterKill = await left();
    expect(afterKill).toBeGreaterThan(0);
    expect(await fx.queue.getJobState(job.id!)).toBe('active');

    const second = startNode(WORKER, env);
    try {
      await waitFor(async () => (await fx.queue.getJobState(job.id!)) === 'completed', 60_000, 100);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
    const done = (await fx.queue.getJob(job.id!))!;
    expect(await left()).toBe(0);
    expect(done.stalledCounter).toBe(1);
    expect(done.progress).toBe(100);
    // The retry deleted what the killed run had left, so the job's own count is the remainder.
    expect(done.returnvalue).toEqual({ deleted: afterKill });
  }, 120_000);

  it('on SIGTERM lets the active job finish, then exits 0', async () => {
    await fill();
    const job = await fx.queue.add('outbox-cleanup', {});
    const worker = startNode(WORKER, settings({ SHUTDOWN_TIMEOUT: '120', LOG_LEVEL: 'info' }));
    try {
      await waitFor(async () => (await left()) < ROWS - 1000, 30_000, 50);
      worker.child.kill('SIGTERM');
      expect(await worker.exited).toBe(0);
    } finally {
      worker.child.kill('SIGKILL');
    }
    expect(await fx.queue.getJobState(job.id!)).toBe('completed');
    expect(await left()).toBe(0);
    expect(worker.output().indexOf('"msg":"outbox cleaned up"')).toBeGreaterThan(worker.output().indexOf('"msg":"shutting down"'));
  }, 120_000);
});
