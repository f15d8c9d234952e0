import { existsSync } from 'node:fs';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { deleteByPrefix } from '../../src/platform/redis/index.js';
import { startNode } from '../support/node-process.js';
import { createTestDatabase, type TestDatabase, testKeyPrefix } from '../support/test-database.js';
import { waitFor } from '../support/wait-for.js';

const WORKER = 'dist/src/worker.js';

/** Every worker upserts the maintenance schedulers at start-up; two of them still make one scheduler, one next job each. */
describe('maintenance job schedulers across two worker processes', () => {
  let db: TestDatabase;
  const prefix = testKeyPrefix('schedulers');
  const redis = new Redis('redis://127.0.0.1:6379/0');
  let queue: Queue;

  beforeAll(async () => {
    if (!existsSync(WORKER)) throw new Error(`${WORKER} missing: run "npm run build" first (npm test does)`);
    db = await createTestDatabase('schedulers');
    queue = new Queue('maintenance', { connection: { host: '127.0.0.1', port: 6379 }, prefix: `${prefix}:bull` });
  });
  afterAll(async () => {
    await queue.close();
    await deleteByPrefix(redis, prefix);
    redis.disconnect();
    await db.drop();
  });

  it('registers each scheduler once and keeps one next job per scheduler', async () => {
    const env = { DATABASE_URL: db.url, REDIS_KEY_PREFIX: prefix, LOG_LEVEL: 'info', OUTBOX_CLEANUP_INTERVAL: '3600', STREAM_TRIM_INTERVAL: '1800', JOBS_STATS_INTERVAL: '900' };
    const workers = [startNode(WORKER, env), startNode(WORKER, env)];
    try {
      await waitFor(() => workers.every((w) => w.output().includes('worker ready')), 30_000);
      // The first run of each scheduler happens at once; wait until all three ran.
      await waitFor(async () => (await queue.getJobCounts('completed')).completed >= 3, 15_000);

      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((s) => [s.key, s.every]).sort()).toEqual([
        ['outbox-cleanup', 3_600_000],
        ['stats', 900_000],
        ['stream-trim', 1_800_000],
      ]);
      const counts = await queue.getJobCounts('completed', 'delayed', 'waiting', 'active', 'failed');
      expect(counts).toEqual({ completed: 3, delayed: 3, waiting: 0, active: 0, failed: 0 });
      const next = await queue.getDelayed();
      expect(next.map((j) => j.name).sort()).toEqual(['outbox-cleanup', 'stats', 'stream-trim']);
      expect(workers.map((w) => w.output()).join('')).toContain('"msg":"jobs and streams"');
    } finally {
      for (const w of workers) w.child.kill('SIGTERM');
      expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0]);
    }
  });
});
