import { maintenanceQueueFixture } from '../support/maintenance-queue.js';
import { type NodeProcess, startNode, WORKER_ENTRY as WORKER } from '../support/node-process.js';
import { waitFor } from '../support/wait-for.js';

const HOURLY = { OUTBOX_CLEANUP_INTERVAL: '3600', STREAM_TRIM_INTERVAL: '1800', JOBS_STATS_INTERVAL: '900' };

async function stop(workers: NodeProcess[]): Promise<void> {
  for (const w of workers) w.child.kill('SIGTERM');
  expect(await Promise.all(workers.map((w) => w.exited))).toEqual(workers.map(() => 0));
}

/**
 * Every worker upserts the maintenance schedulers at start-up. Two of them still make one
 * scheduler and one next job each; the first run is one interval away, and a restart leaves
 * the next run where it was.
 */
describe('maintenance job schedulers across worker processes', () => {
  const fx = maintenanceQueueFixture('schedulers');
  const env = () => ({ DATABASE_URL: fx.db.url, REDIS_KEY_PREFIX: fx.prefix, LOG_LEVEL: 'info' });
  const nextRuns = async () => Object.fromEntries((await fx.queue.getJobSchedulers()).map((s) => [s.key, s.next]));

  it('registers each scheduler once, first run one interval away, and a restart keeps the next run', async () => {
    const started = Date.now();
    const workers = [startNode(WORKER, { ...env(), ...HOURLY }), startNode(WORKER, { ...env(), ...HOURLY })];
    let restarted: NodeProcess | undefined;
    try {
      await waitFor(() => workers.every((w) => w.output().includes('worker ready')), 30_000);
      await waitFor(async () => (await fx.queue.getJobSchedulers()).length === 3, 10_000);

      const schedulers = await fx.queue.getJobSchedulers();
      expect(schedulers.map((s) => [s.key, s.every]).sort()).toEqual([
        ['outbox-cleanup', 3_600_000],
        ['stats', 900_000],
        ['stream-trim', 1_800_000],
      ]);
      // Nothing ran at start-up: each scheduler's one job waits, delayed, for its first interval.
      const counts = await fx.queue.getJobCounts('completed', 'delayed', 'waiting', 'active', 'failed');
      expect(counts).toEqual({ completed: 0, delayed: 3, waiting: 0, active: 0, failed: 0 });
      const before = await nextRuns();
      for (const [key, seconds] of [['outbox-cleanup', 3600], ['stream-trim', 1800], ['stats', 900]] as const) {
        expect(before[key]).toBeGreaterThanOrEqual(started + seconds * 1000);
        expect(before[key]).toBeLessThanOrEqual(Date.now() + seconds * 1000);
      }

      // A worker restarts (as on every deploy): the schedule stays where it was.
      await stop([workers.pop() as NodeProcess]);
      restarted = startNode(WORKER, { ...env(), ...HOURLY });
      await waitFor(() => restarted?.output().includes('worker ready') ?? false, 30_000);
      await waitFor(() => (restarted?.output() ?? '').includes('"msg":"maintenance schedules"'), 10_000);
      expect(await nextRuns()).toEqual(before);
      expect(await fx.queue.getJobCounts('completed', 'delayed')).toEqual({ completed: 0, delayed: 3 });
    } finally {
      await stop(restarted ? [...workers, restarted] : workers);
    }
  });

  it('runs a schedule when its interval has passed, not before', async () => {
    await fx.queue.obliterate({ force: true });
    const worker = startNode(WORKER, { ...env(), OUTBOX_CLEANUP_INTERVAL: '0', STREAM_TRIM_INTERVAL: '0', JOBS_STATS_INTERVAL: '2' });
    try {
      await waitFor(() => worker.output().includes('worker ready'), 30_000);
      await waitFor(async () => (await fx.queue.getJobSchedulers()).length === 1, 10_000);
      const [scheduler] = await fx.queue.getJobSchedulers();
      await waitFor(async () => (await fx.queue.getJobCounts('completed')).completed >= 1, 10_000);
      const [first] = await fx.queue.getCompleted();
      expect(first?.name).toBe('stats');
      expect(first?.processedOn).toBeGreaterThanOrEqual(scheduler?.next ?? Infinity);
      expect(worker.output()).toContain('"msg":"jobs and streams"');
    } finally {
      await stop([worker]);
    }
  });
});
