import { setTimeout as delay } from 'node:timers/promises';
import { Worker } from 'bullmq';
import { bullConnection, bullPrefix } from '../../src/platform/jobs/bull-connection.js';
import { testKeyPrefix } from '../support/test-database.js';
import { PrivateRedis } from '../support/private-redis.js';
import { waitFor } from '../support/wait-for.js';

const RETRY_MS = 2000;

/**
 * A BullMQ worker whose connections are between reconnect attempts when shutdown begins (Redis
 * restarted a moment ago, or is still away). Before ioredis's disconnect was fixed
 * (src/platform/redis/disconnect-fix.ts) its close never settled, and the app's shutdown hung.
 */
describe('worker close while its connections wait to reconnect', () => {
  let redis: PrivateRedis;
  let worker: Worker;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
  });
  afterAll(async () => {
    await worker?.disconnect();
    await redis.stop();
  });

  const statuses = async () => [(await worker.backend.client).status, (await worker.backend.blockingClient)?.status];

  async function startWaitingWorker(retryMs: number): Promise<void> {
    const settings = { url: redis.url, keyPrefix: testKeyPrefix('worker_close'), connectTimeoutMs: 1000, commandTimeoutMs: 1000 };
    // A fixed wait between retries: the connections are still waiting when the close begins.
    const connection = { ...bullConnection(settings), retryStrategy: () => retryMs };
    worker = new Worker('close-test', async () => undefined, { connection, prefix: bullPrefix(settings.keyPrefix) });
    worker.on('error', () => undefined);
    await worker.waitUntilReady();
    await waitFor(async () => (await statuses()).every((status) => status === 'ready'));
    await redis.stop();
    await waitFor(async () => (await statuses()).every((status) => status === 'reconnecting'));
  }

  it('closes within one reconnect delay after a Redis restart', async () => {
    await startWaitingWorker(RETRY_MS);
    await redis.start();
    // What waits on the main connection waits for its next attempt; the blocking one is ended at once.
    await expect(Promise.race([worker.close().then(() => 'closed'), delay(2 * RETRY_MS, 'still closing', { ref: false })])).resolves.toBe('closed');
    expect(await statuses()).toEqual(['end', 'end']);
  });

  it('while Redis is still away, settles its close once the connections are dropped (what QueueProcessor does after SHUTDOWN_TIMEOUT)', async () => {
    await startWaitingWorker(30_000);
    const closing = worker.close();
    await Promise.race([closing, delay(500, undefined, { ref: false })]);
    await worker.disconnect();
    await expect(Promise.race([closing.then(() => 'closed'), delay(1000, 'still closing', { ref: false })])).resolves.toBe('closed');
    expect(await statuses()).toEqual(['end', 'end']);
    await redis.start();
  });
});
