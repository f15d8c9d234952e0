import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { deleteByPrefix } from '../../src/platform/redis/index.js';
import { requireBuilt, WORKER_ENTRY } from './node-process.js';
import { createTestDatabase, type TestDatabase, testKeyPrefix } from './test-database.js';

export interface MaintenanceQueueFixture {
  readonly prefix: string;
  readonly db: TestDatabase;
  readonly queue: Queue;
}

/**
 * For a suite that runs the built worker: a database, a Redis key prefix and the maintenance
 * queue under it, made before the suite and removed after it.
 */
export function maintenanceQueueFixture(label: string): MaintenanceQueueFixture {
  const prefix = testKeyPrefix(label);
  const redis = new Redis('redis://127.0.0.1:6379/0');
  let db: TestDatabase | undefined;
  let queue: Queue | undefined;
  beforeAll(async () => {
    requireBuilt(WORKER_ENTRY);
    db = await createTestDatabase(label);
    queue = new Queue('maintenance', { connection: { host: '127.0.0.1', port: 6379 }, prefix: `${prefix}:bull` });
  });
  afterAll(async () => {
    await queue?.close();
    await deleteByPrefix(redis, prefix);
    redis.disconnect();
    await db?.drop();
  });
  const made = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('maintenanceQueueFixture is read before its beforeAll ran');
    return value;
  };
  return {
    prefix,
    get db() {
      return made(db);
    },
    get queue() {
      return made(queue);
    },
  };
}
