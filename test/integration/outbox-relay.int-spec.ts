import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { DataSource, QueryFailedError } from 'typeorm';
import { dataSourceOptions } from '../../src/platform/database/index.js';
import { appendToOutbox, envelope, OutboxRelay, streamOf } from '../../src/platform/events/index.js';
import { OUTBOX_HORIZON_SQL, TAKE_OUTBOX_WRITER_LOCK } from '../../src/platform/events/outbox-writers.js';
import { createTestDatabase, type TestDatabase, testKeyPrefix } from '../support/test-database.js';
import { waitFor } from '../support/wait-for.js';

const REDIS_URL = 'redis://127.0.0.1:6379/0';

/** As `appendToOutbox` writes: under the outbox writers' lock (held until the transaction ends). */
async function insertEvent(client: Client, aggregateId: string, version: number): Promise<void> {
  await client.query(TAKE_OUTBOX_WRITER_LOCK);
  await client.query(
    `INSERT INTO outbox (event_id, type, schema_version, aggregate_type, aggregate_id, aggregate_version, occurred_at, payload)
     VALUES ($1, 'contract.updated', 1, 'contract', $2, $3, now(), $4)`,
    [randomUUID(), aggregateId, version, JSON.stringify({ version })],
  );
}

describe('outbox relay', () => {
  let db: TestDatabase;
  const prefix = testKeyPrefix('relay');
  const redis = new Redis(REDIS_URL);
  const relays: OutboxRelay[] = [];

  const relay = (redisConnection = redis, pollMs = 50) => {
    const r = new OutboxRelay({ databaseUrl: db.url, keyPrefix: prefix, shards: 4, pollMs, batch: 2 }, redisConnection);
    relays.push(r);
    return r;
  };
  // A shard's stream holds other aggregates' events too.
  const versionsIn = async (aggregateId: string) =>
    (await redis.xrange(streamOf(prefix, 'contract', aggregateId, 4), '-', '+'))
      .map(([, fields]) => JSON.parse(fields[5]) as { aggregateId: string; aggregateVersion: number })
      .filter((e) => e.aggregateId === aggregateId)
      .map((e) => e.aggregateVersion);
  const unpublished = async (aggregateId?: string) =>
    Number((await db.client.query<{ n: string }>('SELECT count(*) AS n FROM outbox WHERE published_at IS NULL AND ($1::uuid IS NULL OR aggregate_id = $1)', [aggregateId ?? null])).rows[0].n);

  beforeAll(async () => {
    db = await createTestDatabase('relay');
  });
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
  });
  afterAll(async () => {
    const keys = Array.from({ length: 4 }, (_, shard) => `${prefix}:events:{contract.${shard}}`);
    await redis.unlink(...keys);
    redis.disconnect();
    await db.drop();
  });

  it('publishes committed events to the aggregate shard, in order, in batches, and marks them', async () => {
    const aggregate = randomUUID();
    for (let version = 1; version <= 5; version++) await insertEvent(db.client, aggregate, version);
    relay().start();
    await waitFor(async () => (await unpublished()) === 0);
    expect(await versionsIn(aggregate)).toEqual([1, 2, 3, 4, 5]);
    const [, fields] = (await redis.xrange(streamOf(prefix, 'contract', aggregate, 4), '-', '+'))[0];
    expect(fields.slice(0, 4)).toEqual(['id', expect.stringMatching(/^[0-9a-f-]{36}$/), 'type', 'contract.updated']);
    expect(JSON.parse(fields[5])).toMatchObject({ type: 'contract.updated', schemaVersion: 1, aggregateType: 'contract', aggregateId: aggregate, payload: { version: 1 } });
  });

  it('marks published rows together, later, never publishing one twice meanwhile, and marks what is left when it stops', async () => {
    const aggregate = randomUUID();
    const r = new OutboxRelay({ databaseUrl: db.url, keyPrefix: prefix, shards: 4, pollMs: 50, batch: 10, markEveryMs: 60_000 }, redis);
    relays.push(r);
    r.start();
    // Three rounds, each reading after the previous one's rows went out unmarked.
    for (let version = 1; version <= 3; version++) {
      await insertEvent(db.client, aggregate, version);
      await waitFor(async () => (await versionsIn(aggregate)).length === version);
      await sleep(120);
    }
    expect(await versionsIn(aggregate)).toEqual([1, 2, 3]);
    expect(await unpublished(aggregate)).toBe(3);
    await r.stop();
    expect(await unpublished(aggregate)).toBe(0);
    // One mark for the three rounds: one statement, one now().
    const marks = await db.client.query('SELECT DISTINCT published_at FROM outbox WHERE aggregate_id = $1', [aggregate]);
    expect(marks.rowCount).toBe(1);
  });

  it('marks rows it published before losing its connection once it has a new one, without publishing them again', async () => {
    const aggregate = randomUUID();
    // The mark falls due while the connection is gone; the next poll (1 s) connects again.
    const r = new OutboxRelay({ databaseUrl: db.url, keyPrefix: prefix, shards: 4, pollMs: 1000, batch: 10, markEveryMs: 300 }, redis);
    relays.push(r);
    await insertEvent(db.client, aggregate, 1);
    await insertEvent(db.client, aggregate, 2);
    r.start();
    await waitFor(async () => (await versionsIn(aggregate)).length === 2);
    expect(await unpublished(aggregate)).toBe(2);
    await db.client.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'hotpath-outbox-relay' AND datname = current_database()`);
    await waitFor(async () => (await unpublished(aggregate)) === 0);
    expect(await versionsIn(aggregate)).toEqual([1, 2]);
  });

  it('holds back rows committed after a transaction that is still running, then sends all in position order', async () => {
    const aggregate = randomUUID();
    const slow = new Client({ connectionString: db.url });
    await slow.connect();
    try {
      await slow.query('BEGIN');
      await slow.query('SELECT pg_current_xact_id()');
      await insertEvent(slow, aggregate, 1);
      await insertEvent(db.client, aggregate, 2);
      const r = relay();
      r.start();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await versionsIn(aggregate)).toEqual([]);
      await slow.query('COMMIT');
      await waitFor(async () => (await versionsIn(aggregate)).length === 2);
      expect(await versionsIn(aggregate)).toEqual([1, 2]);
    } finally {
      await slow.end();
    }
  });

  it('holds back a writer that commits after the relay\'s snapshot but before it reads the locks', async () => {
    const slow = new Client({ connectionString: db.url });
    const probe = new Client({ connectionString: db.url });
    await Promise.all([slow.connect(), probe.connect()]);
    try {
      await slow.query('BEGIN');
      await insertEvent(slow, randomUUID(), 1);
      const xid = BigInt((await slow.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid')).rows[0].xid);
      // A younger writer commits first: its row is visible to the snapshot below.
      await insertEvent(db.client, randomUUID(), 1);
      // The race, slowed down: in a repeatable-read transaction the snapshot is taken at its
      // first statement, and the horizon's statement reads the locks after the writer committed.
      await probe.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      await probe.query('SELECT 1');
      await slow.query('COMMIT');
      const read = probe.query<{ horizon: string }>(`SELECT (${OUTBOX_HORIZON_SQL}) AS horizon`);
      // Its row is invisible to that statement: rows of younger transactions must not pass it.
      expect(BigInt((await read).rows[0].horizon)).toBeLessThanOrEqual(xid);
      await probe.query('COMMIT');
    } finally {
      await Promise.all([slow.end(), probe.end()]);
    }
  });

  it('does not wait for a long transaction that writes no event, here or in another database', async () => {
    const aggregate = randomUUID();
    const other = await createTestDatabase('relay_other');
    const long = [new Client({ connectionString: db.url }), new Client({ connectionString: other.url })];
    try {
      for (const client of long) {
        await client.connect();
        await client.query('BEGIN');
        await client.query('SELECT pg_current_xact_id()');
      }
      await insertEvent(db.client, aggregate, 1);
      relay().start();
      await waitFor(async () => (await versionsIn(aggregate)).length === 1);
    } finally {
      for (const client of long) await client.end().catch(() => undefined);
      await other.drop();
    }
  });

  it('is woken after the writing transaction commits (NOTIFY from the writer, not the trigger or the poll), and a writer needs a transaction', async () => {
    const ds = new DataSource(dataSourceOptions({ url: db.url, poolSize: 2, maxOverflow: 0, acquireTimeoutMs: 5000, idleTimeoutMs: 1000, statementTimeoutMs: 10000, slowQueryMs: 10000 }));
    await ds.initialize();
    try {
      const r = relay(redis, 60_000);
      r.start();
      await waitFor(async () => (await unpublished()) === 0);
      const aggregate = randomUUID();
      const event = (version: number) => envelope({ type: 'contract.updated', schemaVersion: 1, aggregateType: 'contract', aggregateId: aggregate, aggregateVersion: version, payload: {} });
      // The relay polls once a minute here: only the writer's NOTIFY can wake it in time.
      await ds.transaction((tx) => appendToOutbox(tx, [event(1)]));
      await ds.transaction((tx) => appendToOutbox(tx, [event(2)]));
      await waitFor(async () => (await versionsIn(aggregate)).length === 2);
      expect(await versionsIn(aggregate)).toEqual([1, 2]);
      // A rolled-back writer leaves nothing to publish.
      await expect(
        ds.transaction(async (tx) => {
          await appendToOutbox(tx, [event(3)]);
          throw new Error('command failed');
        }),
      ).rejects.toThrow('command failed');
      const rows = await db.client.query<{ v: number }>('SELECT aggregate_version AS v FROM outbox WHERE aggregate_id = $1 ORDER BY 1', [aggregate]);
      expect(rows.rows.map((r) => r.v)).toEqual([1, 2]);
      // The published rows are marked a moment later (in batches); the rolled-back one never appears.
      await waitFor(async () => (await unpublished(aggregate)) === 0);
      await expect(appendToOutbox(ds.manager, [event(3)])).rejects.toThrow(/needs the command's transaction/);
    } finally {
      await ds.destroy();
    }
  });

  it('appends several events in one statement, in order, under the writers\' lock, their fields intact', async () => {
    const ds = new DataSource(dataSourceOptions({ url: db.url, poolSize: 2, maxOverflow: 0, acquireTimeoutMs: 5000, idleTimeoutMs: 1000, statementTimeoutMs: 10000, slowQueryMs: 10000 }));
    await ds.initialize();
    try {
      const aggregate = randomUUID();
      const payloads = [{ text: 'a "quote", a \\ backslash, {braces}, é' }, { nested: { list: [1, null, 'two'] } }, {}];
      const events = payloads.map((payload, i) =>
        envelope({ type: 'contract.updated', schemaVersion: 1, aggregateType: 'contract', aggregateId: aggregate, aggregateVersion: i + 1, payload, correlationId: i === 1 ? null : `corr-${i}` }),
      );
      const writersLock = `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND classid = 7003 AND objid = 7001 AND objsubid = 2 AND granted`;
      let heldDuring = 0;
      await ds.transaction(async (tx) => {
        await appendToOutbox(tx, events);
        heldDuring = (await db.client.query<{ n: number }>(writersLock)).rows[0].n;
      });
      expect(heldDuring).toBe(1);
      expect((await db.client.query<{ n: number }>(writersLock)).rows[0].n).toBe(0);
      for (const table of ['outbox', 'event_log']) {
        const { rows } = await db.client.query<{ event_id: string; aggregate_version: number; payload: unknown; correlation_id: string | null }>(
          `SELECT event_id, aggregate_version, payload, correlation_id FROM ${table} WHERE aggregate_id = $1 ORDER BY position`,
          [aggregate],
        );
        expect(rows).toEqual(events.map((e) => ({ event_id: e.eventId, aggregate_version: e.aggregateVersion, payload: e.payload, correlation_id: e.correlationId })));
      }
      // A second event for a version already appended fails the command, as a database error it can map.
      const again = envelope({ type: 'contract.updated', schemaVersion: 1, aggregateType: 'contract', aggregateId: aggregate, aggregateVersion: 2, payload: {} });
      const failure = await ds.transaction((tx) => appendToOutbox(tx, [again])).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(QueryFailedError);
      expect(((failure as QueryFailedError).driverError as { code?: string }).code).toBe('23505');
    } finally {
      await ds.destroy();
    }
  });

  it('reads and marks the outbox through its indexes, even with its statements prepared while the outbox was small', async () => {
    // A database of its own: only the relay reads its outbox, so the scan counters are the relay's.
    const own = await createTestDatabase('relay_plans');
    const r = new OutboxRelay({ databaseUrl: own.url, keyPrefix: prefix, shards: 4, pollMs: 50, batch: 10 }, redis);
    relays.push(r);
    try {
      const aggregate = randomUUID();
      // Rounds of three events each (a mark of one row plans like a single equality).
      const publish = async (rounds: number) => {
        for (let round = 0; round < rounds; round++) {
          const published = (await versionsIn(aggregate)).length;
          await own.client.query('BEGIN');
          for (let version = published + 1; version <= published + 3; version++) await insertEvent(own.client, aggregate, version);
          await own.client.query('COMMIT');
          await waitFor(async () => (await versionsIn(aggregate)).length === published + 3);
        }
      };
      r.start();
      // Enough rounds for Postgres to settle on a generic plan for each prepared statement.
      await publish(8);
      // The outbox grows, as it does between two cleanups: 20,000 rows already published.
      await own.client.query(
        `INSERT INTO outbox (event_id, type, schema_version, aggregate_type, aggregate_id, aggregate_version, occurred_at, payload, published_at)
         SELECT gen_random_uuid(), 'contract.updated', 1, 'contract', gen_random_uuid(), 1, now(), '{}', now() FROM generate_series(1, 20000)`,
      );
      // Backends report their scan counters at most once a second.
      const scans = async () => {
        await sleep(1500);
        return (await own.client.query<{ seq: string; idx: string }>(`SELECT seq_scan AS seq, idx_scan AS idx FROM pg_stat_user_tables WHERE relname = 'outbox'`)).rows[0];
      };
      const before = await scans();
      await publish(6);
      const after = await scans();
      expect(Number(after.idx)).toBeGreaterThan(Number(before.idx));
      expect(after.seq).toBe(before.seq);
    } finally {
      await r.stop();
      await own.drop();
    }
  }, 30_000);

  it('keeps rows in the outbox while Redis is unreachable, and one relay leads at a time', async () => {
    const aggregate = randomUUID();
    await insertEvent(db.client, aggregate, 1);
    const away = new Redis('redis://127.0.0.1:1/0', { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
    const blocked = relay(away);
    blocked.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await unpublished(aggregate)).toBe(1);
    expect(blocked.published).toBe(0);
    // The first relay holds the leader lock: a second one stands by until it stops.
    const standby = relay();
    standby.start();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await unpublished(aggregate)).toBe(1);
    await blocked.stop();
    await waitFor(async () => (await unpublished(aggregate)) === 0);
    expect(await versionsIn(aggregate)).toEqual([1]);
    away.disconnect();
  });
});
