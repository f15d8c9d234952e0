import { Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { DataSource, type EntityManager } from 'typeorm';
import { dataSourceOptions } from '../../src/platform/database/index.js';
import { applyEachOnce, applyEachOnceInOneStatement, applyOnce, deadLetterStream, EventConsumer, type EventEnvelope, shardStreams, streamOf, durablyApplied } from '../../src/platform/events/index.js';
import { deleteByPrefix } from '../../src/platform/redis/index.js';
import { aggregatesOnOneShard, anEvent, publish, type RunningConsumers, startConsumers } from '../support/events.js';
import { createTestDatabase, type TestDatabase, testKeyPrefix } from '../support/test-database.js';
import { waitFor } from '../support/wait-for.js';

const SHARDS = 4;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('event consumers (real Redis)', () => {
  const redis = new Redis('redis://127.0.0.1:6379/0');
  let prefix: string;
  let running: RunningConsumers | undefined;
  const env = () => ({
    REDIS_KEY_PREFIX: prefix,
    EVENTS_STREAM_SHARDS: String(SHARDS),
    EVENTS_CONSUMER_BLOCK_MS: '100',
    EVENTS_RETRY_BASE_MS: '20',
    EVENTS_HANDLER_TIMEOUT_MS: '2000',
    EVENTS_RECLAIM_INTERVAL_MS: '100',
  });
  const pendingOf = async (group: string) => {
    let total = 0;
    for (const stream of shardStreams(prefix, 'contract', SHARDS)) {
      if (await redis.exists(stream)) total += Number(((await redis.xpending(stream, group)) as [number])[0]);
    }
    return total;
  };

  beforeEach(() => {
    prefix = testKeyPrefix('consumers');
  });
  afterEach(async () => {
    await running?.close();
    running = undefined;
    await deleteByPrefix(redis, `${prefix}:`);
  });
  afterAll(() => redis.disconnect());

  it('handles every event once, each aggregate in order, and acknowledges them', async () => {
    const seen = new Map<string, number[]>();
    @EventConsumer({ group: 'ordered', aggregateTypes: ['contract'] })
    @Injectable()
    class Ordered {
      async handle(event: EventEnvelope): Promise<void> {
        await sleep(Math.random() * 3);
        seen.set(event.aggregateId, [...(seen.get(event.aggregateId) ?? []), event.aggregateVersion]);
      }
    }
    const aggregates = Array.from({ length: 6 }, () => randomUUID());
    // Published before the consumer starts: its group is created from id 0, so it sees them.
    await publish(redis, prefix, SHARDS, aggregates.map((id) => anEvent(id, 1)));
    running = await startConsumers(env(), [Ordered]);
    for (let v = 2; v <= 30; v++) await publish(redis, prefix, SHARDS, aggregates.map((id) => anEvent(id, v)));

    await waitFor(() => running!.service.stats()[0].handled === 180, 10_000);
    for (const id of aggregates) expect(seen.get(id)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    await waitFor(async () => (await pendingOf('ordered')) === 0);
    expect(running.service.stats()[0]).toMatchObject({ handled: 180, retried: 0, deadLettered: 0, inFlight: 0 });
  });

  it('acknowledges only after the handler succeeded', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    @EventConsumer({ group: 'slow', aggregateTypes: ['contract'] })
    @Injectable()
    class Slow {
      handle(): Promise<void> {
        return gate;
      }
    }
    running = await startConsumers(env(), [Slow]);
    await publish(redis, prefix, SHARDS, [anEvent(randomUUID(), 1)]);
    await waitFor(() => running!.service.stats()[0].inFlight === 1);
    await sleep(200);
    expect(await pendingOf('slow')).toBe(1);
    release();
    await waitFor(async () => (await pendingOf('slow')) === 0);
    expect(running.service.stats()[0].handled).toBe(1);
  });

  it('retries a failing handler with growing delays, then succeeds', async () => {
    const attempts: number[] = [];
    @EventConsumer({ group: 'flaky', aggregateTypes: ['contract'] })
    @Injectable()
    class Flaky {
      async handle(): Promise<void> {
        attempts.push(Date.now());
        if (attempts.length < 3) throw new Error('not yet');
      }
    }
    running = await startConsumers(env(), [Flaky]);
    await publish(redis, prefix, SHARDS, [anEvent(randomUUID(), 1)]);
    await waitFor(() => running!.service.stats()[0].handled === 1);
    expect(attempts).toHaveLength(3);
    // Base 20 ms, doubled: at least 20 then 40 ms between deliveries.
    expect(attempts[1] - attempts[0]).toBeGreaterThanOrEqual(18);
    expect(attempts[2] - attempts[1]).toBeGreaterThanOrEqual(38);
    expect(running.service.stats()[0]).toMatchObject({ handled: 1, retried: 2, deadLettered: 0 });
    // Acks leave in batches, a tick after the handler.
    await waitFor(async () => (await pendingOf('flaky')) === 0);
  });

  it('dead-letters an event after maxDeliveries while other aggregates, of its shard too, flow; its aggregate then moves on', async () => {
    // One shard: only the failing aggregate waits on its retries, not its neighbours.
    const [poisoned, healthy] = aggregatesOnOneShard(prefix, SHARDS, 2);
    const handled: string[] = [];
    let tries = 0;
    @EventConsumer({ group: 'strict', aggregateTypes: ['contract'], maxDeliveries: 3 })
    @Injectable()
    class Strict {
      async handle(event: EventEnvelope): Promise<void> {
        if (event.aggregateId === poisoned && event.aggregateVersion === 1) {
          tries++;
          throw new Error('cannot apply this one');
        }
        handled.push(`${event.aggregateId === poisoned ? 'poisoned' : 'healthy'}:${event.aggregateVersion}`);
      }
    }
    running = await startConsumers({ ...env(), EVENTS_RETRY_BASE_MS: '150' }, [Strict]);
    const poison = anEvent(poisoned, 1);
    await publish(redis, prefix, SHARDS, [poison, anEvent(poisoned, 2), ...Array.from({ length: 20 }, (_, i) => anEvent(healthy, i + 1))]);

    // The healthy aggregate is done while the poisoned one still waits on its retries (150 + 300 ms).
    await waitFor(() => handled.filter((h) => h.startsWith('healthy')).length === 20);
    expect(handled).not.toContain('poisoned:2');
    await waitFor(() => running!.service.stats()[0].deadLettered === 1, 5000);
    await waitFor(() => handled.includes('poisoned:2'));
    expect(tries).toBe(3);

    const letters = await redis.xrange(deadLetterStream(prefix), '-', '+');
    expect(letters).toHaveLength(1);
    const fields = Object.fromEntries(letters[0][1].reduce<[string, string][]>((pairs, value, i, all) => (i % 2 ? pairs : [...pairs, [value, all[i + 1]]]), []));
    expect(fields).toMatchObject({ group: 'strict', stream: streamOf(prefix, 'contract', poisoned, SHARDS), eventId: poison.eventId, type: poison.type, error: 'cannot apply this one', deliveries: '3' });
    expect(JSON.parse(fields.envelope)).toEqual(poison);
    expect(fields.entryId).toMatch(/^\d+-\d+$/);
    // Acks leave in batches, a tick after the handler.
    await waitFor(async () => (await pendingOf('strict')) === 0);
  });

  it('acknowledges events of other types without calling the handler', async () => {
    const types: string[] = [];
    @EventConsumer({ group: 'picky', aggregateTypes: ['contract'], eventTypes: ['contract.created'] })
    @Injectable()
    class Picky {
      async handle(event: EventEnvelope): Promise<void> {
        types.push(event.type);
      }
    }
    running = await startConsumers(env(), [Picky]);
    const id = randomUUID();
    await publish(redis, prefix, SHARDS, [anEvent(id, 1, 'contract.created'), anEvent(id, 2, 'contract.updated'), anEvent(id, 3, 'contract.updated')]);
    await waitFor(() => running!.service.stats()[0].skipped === 2);
    expect(types).toEqual(['contract.created']);
    // Acks leave in batches, a tick after the handler.
    await waitFor(async () => (await pendingOf('picky')) === 0);
  });

  it('reclaims the pending entries of a dead consumer (XAUTOCLAIM) and handles them', async () => {
    const handled: number[] = [];
    @EventConsumer({ group: 'heirs', aggregateTypes: ['contract'] })
    @Injectable()
    class Heirs {
      async handle(event: EventEnvelope): Promise<void> {
        handled.push(event.aggregateVersion);
      }
    }
    const id = randomUUID();
    const stream = streamOf(prefix, 'contract', id, SHARDS);
    await redis.xgroup('CREATE', stream, 'heirs', '0', 'MKSTREAM');
    await publish(redis, prefix, SHARDS, Array.from({ length: 5 }, (_, i) => anEvent(id, i + 1)));
    // A consumer that read them and died before acknowledging.
    await redis.xreadgroup('GROUP', 'heirs', 'dead-consumer', 'COUNT', 10, 'STREAMS', stream, '>');
    expect(await pendingOf('heirs')).toBe(5);

    running = await startConsumers({ ...env(), EVENTS_HANDLER_TIMEOUT_MS: '300' }, [Heirs]);
    await waitFor(() => handled.length === 5, 5000);
    expect(handled).toEqual([1, 2, 3, 4, 5]);
    expect(running.service.stats()[0]).toMatchObject({ reclaimed: 5, handled: 5 });
    await waitFor(async () => (await pendingOf('heirs')) === 0);
    // The dead consumer, holding nothing now and idle, is removed from the group.
    const consumerNames = async () => ((await redis.xinfo('CONSUMERS', stream, 'heirs')) as string[][]).map((fields) => fields[fields.indexOf('name') + 1]);
    await waitFor(async () => !(await consumerNames()).includes('dead-consumer'), 5000);
    expect(await consumerNames()).toEqual([running.service.consumerName]);
  });

  it('dead-letters without another try an entry whose consumers kept dying (deliveries above the limit)', async () => {
    let calls = 0;
    @EventConsumer({ group: 'survivors', aggregateTypes: ['contract'], maxDeliveries: 3 })
    @Injectable()
    class Survivors {
      async handle(): Promise<void> {
        calls++;
      }
    }
    const event = anEvent(randomUUID(), 1);
    const stream = streamOf(prefix, 'contract', event.aggregateId, SHARDS);
    await redis.xgroup('CREATE', stream, 'survivors', '0', 'MKSTREAM');
    await publish(redis, prefix, SHARDS, [event]);
    const [[, [[entryId]]]] = (await redis.xreadgroup('GROUP', 'survivors', 'crashed-3-times', 'COUNT', 1, 'STREAMS', stream, '>')) as [string, [string, string[]][]][];
    // As if three consumers had each taken it and died (a poison event that crashes the process).
    await redis.xclaim(stream, 'survivors', 'crashed-3-times', 0, entryId, 'RETRYCOUNT', 3, 'JUSTID');

    running = await startConsumers({ ...env(), EVENTS_HANDLER_TIMEOUT_MS: '300' }, [Survivors]);
    await waitFor(() => running!.service.stats()[0].deadLettered === 1, 5000);
    expect(calls).toBe(0);
    const [[, fields]] = await redis.xrange(deadLetterStream(prefix), '-', '+');
    expect(fields).toEqual(expect.arrayContaining(['eventId', event.eventId, 'deliveries', '3', 'error', 'delivered 4 times without an outcome (consumer died or timed out)']));
    await waitFor(async () => (await pendingOf('survivors')) === 0);
  });

  it('on shutdown, lets the handler in progress finish before any module closes what it uses (e.g. a database pool)', async () => {
    @Injectable()
    class Pool implements OnApplicationShutdown {
      open = true;
      onApplicationShutdown(): void {
        this.open = false;
      }
    }
    // Imported beside EventConsumersModule and after it: Nest runs its onApplicationShutdown first.
    @Module({ providers: [Pool], exports: [Pool] })
    class PoolModule {}
    const seen: boolean[] = [];
    @EventConsumer({ group: 'pooled', aggregateTypes: ['contract'] })
    @Injectable()
    class Pooled {
      constructor(private readonly pool: Pool) {}
      async handle(): Promise<void> {
        await sleep(300);
        seen.push(this.pool.open);
      }
    }
    running = await startConsumers(env(), [Pooled], false, [PoolModule]);
    await publish(redis, prefix, SHARDS, [anEvent(randomUUID(), 1)]);
    await waitFor(() => running!.service.stats()[0]?.inFlight === 1);
    await running.close();
    running = undefined;
    expect(seen).toEqual([true]);
    expect(await pendingOf('pooled')).toBe(0);
  });

  it('on shutdown, finishes the handler in progress and leaves queued entries pending', async () => {
    let started = 0;
    @EventConsumer({ group: 'draining', aggregateTypes: ['contract'] })
    @Injectable()
    class Draining {
      async handle(): Promise<void> {
        started++;
        await sleep(300);
      }
    }
    running = await startConsumers(env(), [Draining]);
    const id = randomUUID();
    await publish(redis, prefix, SHARDS, Array.from({ length: 5 }, (_, i) => anEvent(id, i + 1)));
    await waitFor(() => started === 1);
    const service = running.service;
    await running.close();
    running = undefined;
    expect(started).toBe(1);
    expect(service.stats()).toEqual([]);
    // The first was acknowledged; the other four stay pending for another consumer to reclaim.
    expect(await pendingOf('draining')).toBe(4);
  });
});

describe('applyOnce (real Postgres)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('apply_once');
    dataSource = new DataSource({ ...dataSourceOptions({ url: db.url, poolSize: 4, maxOverflow: 0, acquireTimeoutMs: 5000, idleTimeoutMs: 1000, statementTimeoutMs: 10000, slowQueryMs: 10000 }) });
    await dataSource.initialize();
    await dataSource.query('CREATE TABLE effects (event_id uuid NOT NULL, n serial, note text)');
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });
  const effects = async (eventId: string) => Number((await db.client.query<{ n: string }>('SELECT count(*) AS n FROM effects WHERE event_id = $1', [eventId])).rows[0].n);
  const apply = (group: string, event: EventEnvelope) => applyOnce(dataSource, group, event, (manager) => manager.query('INSERT INTO effects (event_id) VALUES ($1)', [event.eventId]));

  it('applies an event once per group and skips its duplicates', async () => {
    const event = anEvent(randomUUID(), 1);
    expect(await apply('projection', event)).toBe(true);
    expect(await apply('projection', event)).toBe(false);
    expect(await effects(event.eventId)).toBe(1);
    expect(await apply('another-group', event)).toBe(true);
    expect(await effects(event.eventId)).toBe(2);
  });

  it('records nothing when the effect fails, so the retry applies it', async () => {
    const event = anEvent(randomUUID(), 1);
    await expect(
      applyOnce(dataSource, 'projection', event, async (manager) => {
        await manager.query('INSERT INTO effects (event_id) VALUES ($1)', [event.eventId]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await effects(event.eventId)).toBe(0);
    expect(await apply('projection', event)).toBe(true);
    expect(await effects(event.eventId)).toBe(1);
  });

  it('lets exactly one of concurrent duplicates apply', async () => {
    const event = anEvent(randomUUID(), 1);
    const results = await Promise.all(Array.from({ length: 4 }, () => apply('projection', event)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await effects(event.eventId)).toBe(1);
  });

  it('runs inside a transaction the caller already holds (EntityManager)', async () => {
    const event = anEvent(randomUUID(), 1);
    await dataSource.transaction(async (manager) => {
      expect(await applyOnce(manager, 'outer', event, (m) => m.query('INSERT INTO effects (event_id) VALUES ($1)', [event.eventId]))).toBe(true);
    });
    expect(await effects(event.eventId)).toBe(1);
  });

  it('applies a batch once: the effect gets only the events not yet applied, in order, and a failure records none', async () => {
    const [seen, fresh1, fresh2] = [anEvent(randomUUID(), 1), anEvent(randomUUID(), 1), anEvent(randomUUID(), 1)];
    await apply('batch', seen);
    const record = (manager: EntityManager, events: EventEnvelope[]) => manager.query('INSERT INTO effects (event_id) SELECT unnest($1::uuid[])', [events.map((e) => e.eventId)]);
    await expect(
      applyEachOnce(dataSource, 'batch', [fresh1, seen, fresh2], async (manager, events) => {
        await record(manager, events);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await effects(fresh1.eventId)).toBe(0);
    let given: string[] = [];
    const applied = await applyEachOnce(dataSource, 'batch', [fresh1, seen, fresh2], async (manager, events) => {
      given = events.map((e) => e.eventId);
      await record(manager, events);
    });
    expect(given).toEqual([fresh1.eventId, fresh2.eventId]);
    expect(applied).toEqual([fresh1, fresh2]);
    expect([await effects(seen.eventId), await effects(fresh1.eventId), await effects(fresh2.eventId)]).toEqual([1, 1, 1]);
    expect(await applyEachOnce(dataSource, 'batch', [fresh1, fresh2], () => Promise.reject(new Error('not called')))).toEqual([]);
  });

  it('applies a batch once in one statement: the effect sees only the fresh events, a failure records none, and the commit mode is the one asked for', async () => {
    const [seen, fresh1, fresh2, later] = [anEvent(randomUUID(), 1), anEvent(randomUUID(), 1), anEvent(randomUUID(), 1), anEvent(randomUUID(), 1)];
    await apply('statement', seen);
    const notes = async (eventId: string) => (await db.client.query<{ note: string }>('SELECT note FROM effects WHERE event_id = $1', [eventId])).rows.map((r) => r.note);
    const record = { sql: `INSERT INTO effects (event_id, note) SELECT event_id, $3 || current_setting('synchronous_commit') FROM fresh`, params: ['commit '] };

    const failing = { sql: 'INSERT INTO effects (event_id) SELECT NULL FROM fresh', params: [] };
    await expect(applyEachOnceInOneStatement(dataSource, 'statement', [fresh1, seen, fresh2], failing)).rejects.toThrow(/null value/);
    expect(await applyEachOnceInOneStatement(dataSource, 'statement', [fresh1, seen, fresh2], record)).toEqual([fresh1, fresh2]);
    expect(await applyEachOnceInOneStatement(dataSource, 'statement', [fresh1, seen, fresh2], record)).toEqual([]);
    expect([await effects(seen.eventId), await effects(fresh1.eventId), await effects(fresh2.eventId)]).toEqual([1, 1, 1]);
    expect(await notes(fresh1.eventId)).toEqual(['commit on']);

    expect(await applyEachOnceInOneStatement(dataSource, 'statement', [later], record, { asyncCommit: true })).toEqual([later]);
    expect(await notes(later.eventId)).toEqual(['commit off']);
    expect(await durablyApplied(dataSource, 'statement', [later.eventId])).toEqual([later.eventId]);
  });

  it('prepares the statement when the effect is named, with the same outcome in either commit mode', async () => {
    const [first, second, third] = [anEvent(randomUUID(), 1), anEvent(randomUUID(), 1), anEvent(randomUUID(), 1)];
    const record = { sql: `INSERT INTO effects (event_id, note) SELECT event_id, current_setting('synchronous_commit') FROM fresh`, params: [], prepareAs: 'test-record' };
    // In a transaction, to read the prepared statements of the connection it ran on.
    const named = await dataSource.transaction(async (tx) => {
      expect(await applyEachOnceInOneStatement(tx, 'prepared', [first, second], record)).toEqual([first, second]);
      return (await tx.query(`SELECT name FROM pg_prepared_statements WHERE name LIKE 'test-record%'`)) as { name: string }[];
    });
    expect(named).toEqual([{ name: 'test-record' }]);
    expect(await applyEachOnceInOneStatement(dataSource, 'prepared', [first, third], record)).toEqual([third]);
    expect(await applyEachOnceInOneStatement(dataSource, 'prepared', [first, third], record, { asyncCommit: true })).toEqual([]);
    expect([await effects(first.eventId), await effects(second.eventId), await effects(third.eventId)]).toEqual([1, 1, 1]);
  });

  it('commits asynchronously only when asked, that transaction alone; durablyApplied flushes every earlier commit and names the applied events', async () => {
    const settingIn = async (asyncCommit: boolean) => {
      let setting = '';
      await applyOnce(dataSource, 'commit-mode', anEvent(randomUUID(), 1), async (manager) => {
        setting = ((await manager.query('SHOW synchronous_commit')) as { synchronous_commit: string }[])[0].synchronous_commit;
      }, { asyncCommit });
      return setting;
    };
    expect(await settingIn(true)).toBe('off');
    expect(await settingIn(false)).toBe('on');

    const event = anEvent(randomUUID(), 1);
    expect(await applyOnce(dataSource, 'async', event, (m) => m.query('INSERT INTO effects (event_id) VALUES ($1)', [event.eventId]), { asyncCommit: true })).toBe(true);
    expect(await effects(event.eventId)).toBe(1);
    const [{ lsn }] = (await dataSource.query('SELECT pg_current_wal_insert_lsn()::text AS lsn')) as { lsn: string }[];
    const unknown = anEvent(randomUUID(), 1);
    expect(await durablyApplied(dataSource, 'async', [event.eventId, unknown.eventId])).toEqual([event.eventId]);
    expect(await durablyApplied(dataSource, 'another-group', [event.eventId])).toEqual([]);
    const [{ flushed }] = (await dataSource.query('SELECT pg_current_wal_flush_lsn() >= $1::pg_lsn AS flushed', [lsn])) as { flushed: boolean }[];
    expect(flushed).toBe(true);
  });
});
