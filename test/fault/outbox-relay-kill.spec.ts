import { Redis } from 'ioredis';
import { streamOf } from '../../src/platform/events/index.js';
import { requireBuilt, startNode, WORKER_ENTRY as WORKER } from '../support/node-process.js';
import { createTestDatabase, type TestDatabase, testKeyPrefix } from '../support/test-database.js';
import { waitFor } from '../support/wait-for.js';

const AGGREGATES = 10;
const VERSIONS = 1500;
const SHARDS = 4;

/** kill -9 of the worker (the relay) mid-publish: after a restart every event is in its stream, each aggregate's in order. */
describe('outbox relay killed mid-publish', () => {
  let db: TestDatabase;
  const prefix = testKeyPrefix('relay-kill');
  const redis = new Redis('redis://127.0.0.1:6379/0');

  beforeAll(async () => {
    requireBuilt(WORKER);
    db = await createTestDatabase('relay_kill');
  });
  afterAll(async () => {
    await redis.unlink(...Array.from({ length: SHARDS }, (_, shard) => `${prefix}:events:{contract.${shard}}`));
    redis.disconnect();
    await db.drop();
  });

  it('loses nothing and keeps per-aggregate order; the batch in flight may come twice', async () => {
    const { rows } = await db.client.query<{ id: string }>(
      `INSERT INTO outbox (event_id, type, schema_version, aggregate_type, aggregate_id, aggregate_version, occurred_at, payload)
       SELECT gen_random_uuid(), 'contract.updated', 1, 'contract', a.id, v, now(), '{}'
         FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, $1) n) a, generate_series(1, $2) v
        ORDER BY v, a.n
       RETURNING event_id AS id`,
      [AGGREGATES, VERSIONS],
    );
    const published = async () => Number((await db.client.query<{ n: string }>('SELECT count(*) AS n FROM outbox WHERE published_at IS NOT NULL')).rows[0].n);
    const env = { DATABASE_URL: db.url, REDIS_KEY_PREFIX: prefix, LOG_LEVEL: 'warn', OUTBOX_BATCH: '20', OUTBOX_POLL_MS: '50', EVENTS_STREAM_SHARDS: String(SHARDS) };

    const first = startNode(WORKER, env);
    try {
      await waitFor(async () => (await published()) >= 1000, 30_000);
      first.child.kill('SIGKILL');
      await first.exited;
    } finally {
      first.child.kill('SIGKILL');
    }
    expect(await published()).toBeLessThan(rows.length);

    const second = startNode(WORKER, env);
    try {
      await waitFor(async () => (await published()) === rows.length, 60_000, 100);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }

    const seen = new Map<string, number[]>();
    const ids = new Set<string>();
    for (let shard = 0; shard < SHARDS; shard++) {
      for (const [, fields] of await redis.xrange(`${prefix}:events:{contract.${shard}}`, '-', '+')) {
        const event = JSON.parse(fields[5]) as { eventId: string; aggregateId: string; aggregateVersion: number };
        expect(streamOf(prefix, 'contract', event.aggregateId, SHARDS)).toBe(`${prefix}:events:{contract.${shard}}`);
        if (ids.has(event.eventId)) continue;
        ids.add(event.eventId);
        seen.set(event.aggregateId, [...(seen.get(event.aggregateId) ?? []), event.aggregateVersion]);
      }
    }
    expect(ids).toEqual(new Set(rows.map((r) => r.id)));
    for (const versions of seen.values()) expect(versions).toEqual(Array.from({ length: VERSIONS }, (_, i) => i + 1));
  }, 120_000);
});
