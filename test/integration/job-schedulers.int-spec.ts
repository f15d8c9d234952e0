import { maintenanceQueueFixture } from '../support/maintenance-queue.js';
import { startNode, WORKER_ENTRY as WORKER } from '../support/node-process.js';
import { waitFor } from '../support/wait-for.js';

/** Every worker upserts the maintenance schedulers at start-up; two of them still make one scheduler, one next job each. */
describe('maintenance job schedulers across two worker processes', () => {
  const fx = maintenanceQueueFixture('schedulers');

  it('registers each scheduler once and keeps one next job per scheduler', async () => {
    const env = { DATABASE_URL: fx.db.url, REDIS_KEY_PREFIX: fx.prefix, LOG_LEVEL: 'info', OUTBOX_CLEANUP_INTERVAL: '3600', STREAM_TRIM_INTERVAL: '1800', JOBS_STATS_INTERVAL: '900' };
    const workers = [startNode(WORKER, env), startNode(WORKER, env)];
    try {
      await waitFor(() => workers.every((w) => w.output().includes('worker ready')), 30_000);
      // The first run of each scheduler happens at once; wait until all three ran.
      await waitFor(async () => (await fx.queue.getJobCounts('completed')).completed >= 3, 15_000);

      const schedulers = await fx.queue.getJobSchedulers();
      expect(schedulers.map((s) => [s.key, s.every]).sort()).toEqual([
        ['outbox-cleanup', 3_600_000],
        ['stats', 900_000],
        ['stream-trim', 1_800_000],
      ]);
      const counts = await fx.queue.getJobCounts('completed', 'delayed', 'waiting', 'active', 'failed');
      expect(counts).toEqual({ completed: 3, delayed: 3, waiting: 0, active: 0, failed: 0 });
      const next = await fx.queue.getDelayed();
      expect(next.map((j) => j.name).sort()).toEqual(['outbox-cleanup', 'stats', 'stream-trim']);
      expect(workers.map((w) => w.output()).join('')).toContain('"msg":"jobs and streams"');
    } finally {
      for (const w of workers) w.child.kill('SIGTERM');
      expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0]);
    }
  });
});
