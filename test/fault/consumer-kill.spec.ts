import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { shardStreams } from '../../src/platform/events/index.js';
import { anEvent, publish } from '../support/events.js';
import { requireBuilt, startNode } from '../support/node-process.js';
import { PrivateRedis } from '../support/private-redis.js';
import { createTestDatabase, type TestDatabase, testKeyPrefix } from '../support/test-database.js';
import { waitFor } from '../support/wait-for.js';

const CONSUMER = 'test/fault/support/inbox-consumer.mjs';
const AGGREGATES = 20;
const VERSIONS = 100;
const SHARDS = 4;

/** kill -9 of a consumer process mid-batch: after a restart every event is applied exactly once (reclaim + inbox). */
describe('event consumer killed mid-batch', () => {
  let db: TestDatabase;
  let server: PrivateRedis;
  let redis: Redis;
  const prefix = testKeyPrefix('consumer-kill');

  beforeAll(async () => {
    requireBuilt('dist/src/platform/events/index.js');
    db = await createTestDatabase('consumer_kill');
    await db.client.query('CREATE TABLE applied (event_id uuid NOT NULL, aggregate_id uuid NOT NULL, version int NOT NULL)');
    await db.client.query('CREATE TABLE skipped (event_id uuid NOT NULL)');
    server = await PrivateRedis.start();
    redis = new Redis(server.url);
  });
  afterAll(async () => {
    redis.disconnect();
    await server.stop();
    await db.drop();
  });

  it('applies every event exactly once after a restart; the dead process\'s pending entries are reclaimed', async () => {
    const aggregates = Array.from({ length: AGGREGATES }, () => randomUUID());
    const events = Array.from({ length: VERSIONS }, (_, v) => aggregates.map((id) => anEvent(id, v + 1))).flat();
    await publish(redis, prefix, SHARDS, events);
    const count = async (sql: string) => Number((await db.client.query<{ n: string }>(sql)).rows[0].n);
    const pending = async () => {
      let total = 0;
      for (const stream of shardStreams(prefix, 'contract', SHARDS)) total += Number(((await redis.xpending(stream, 'fault-inbox')) as [number])[0]);
      return total;
    };
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: server.url,
      REDIS_KEY_PREFIX: prefix,
      EVENTS_STREAM_SHARDS: String(SHARDS),
      EVENTS_CONSUMER_BATCH: '50',
      EVENTS_HANDLER_TIMEOUT_MS: '1000',
      EVENTS_RECLAIM_INTERVAL_MS: '200',
      HANDLER_DELAY_MS: '2',
      DATABASE_POOL_SIZE: '4',
    };

    const first = startNode(CONSUMER, env);
    try {
      await waitFor(async () => (await count('SELECT count(*) AS n FROM applied')) >= events.length / 4, 30_000, 10);
      first.child.kill('SIGKILL');
      await first.exited;
    } finally {
      first.child.kill('SIGKILL');
    }
    const appliedAtKill = await count('SELECT count(*) AS n FROM applied');
    expect(appliedAtKill).toBeLessThan(events.length);
    // Read by the dead process and never acknowledged: only a reclaim can get them handled.
    expect(await pending()).toBeGreaterThan(0);

    const second = startNode(CONSUMER, env);
    try {
      await waitFor(async () => (await count('SELECT count(DISTINCT event_id) AS n FROM applied')) === events.length && (await pending()) === 0, 60_000, 100);
    } finally {
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    }
    expect(second.output()).not.toMatch(/dead letters/);

    expect(await count('SELECT count(*) AS n FROM applied')).toBe(events.length);
    expect(await count('SELECT count(*) AS n FROM event_inbox')).toBe(events.length);
    const { rows } = await db.client.query<{ aggregate_id: string; versions: number[] }>('SELECT aggregate_id, array_agg(version ORDER BY version) AS versions FROM applied GROUP BY aggregate_id');
    expect(rows).toHaveLength(AGGREGATES);
    for (const row of rows) expect(row.versions).toEqual(Array.from({ length: VERSIONS }, (_, i) => i + 1));
  }, 120_000);
});
