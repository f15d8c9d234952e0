import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { createRedisConnection } from '../../src/platform/redis/index.js';
import { OutboxRelay, streamOf } from '../../src/platform/events/index.js';
import { PrivateRedis } from '../support/private-redis.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { waitFor } from '../support/wait-for.js';

/** Writes go on while the relay's Redis is down; once it is back, every event arrives, in order. */
describe('outbox relay across a Redis outage', () => {
  let db: TestDatabase;
  let redis: PrivateRedis;

  beforeAll(async () => {
    db = await createTestDatabase('relay_outage');
    redis = await PrivateRedis.start();
  });
  afterAll(async () => {
    await redis.stop();
    await db.drop();
  });

  it('keeps rows while Redis is down and publishes all of them, in order, when it returns', async () => {
    const shared = createRedisConnection({ url: redis.url, keyPrefix: 'outage', connectTimeoutMs: 500, commandTimeoutMs: 500 }, 'shared');
    const relay = new OutboxRelay({ databaseUrl: db.url, keyPrefix: 'outage', shards: 2, pollMs: 50, batch: 100 }, shared);
    const aggregate = randomUUID();
    const write = (version: number) =>
      db.client.query(
        `INSERT INTO outbox (event_id, type, schema_version, aggregate_type, aggregate_id, aggregate_version, occurred_at, payload)
         VALUES ($1, 'contract.updated', 1, 'contract', $2, $3, now(), '{}')`,
        [randomUUID(), aggregate, version],
      );
    const unpublished = async () => Number((await db.client.query<{ n: string }>('SELECT count(*) AS n FROM outbox WHERE published_at IS NULL')).rows[0].n);
    try {
      relay.start();
      await write(1);
      await waitFor(async () => (await unpublished()) === 0);

      await redis.stop();
      for (let version = 2; version <= 20; version++) await write(version);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(await unpublished()).toBe(19);

      await redis.start();
      await waitFor(async () => (await unpublished()) === 0, 15_000);
      const reader = new Redis(redis.url);
      const entries = await reader.xrange(streamOf('outage', 'contract', aggregate, 2), '-', '+');
      reader.disconnect();
      // The test's server persists nothing, so version 1 went with the restart; 2..20 were held back and arrive in order.
      expect(entries.map(([, fields]) => (JSON.parse(fields[5]) as { aggregateVersion: number }).aggregateVersion)).toEqual(Array.from({ length: 19 }, (_, i) => i + 2));
    } finally {
      await relay.stop();
      shared.disconnect();
    }
  });
});
