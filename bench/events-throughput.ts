import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig, ConfigModule } from '../src/config/index.js';
import { contractCreated, contractUpdated } from '../src/modules/contracts/domain/contract.events.js';
import type { Contract } from '../src/modules/contracts/domain/contract.js';
import { dataSourceOptions, dropDatabase, migrate } from '../src/platform/database/index.js';
import { appendToOutbox, envelope, EventConsumer, NO_CAUSE, EventConsumersModule, EventConsumersService, type EventEnvelope, shardStreams, streamOf } from '../src/platform/events/index.js';
import { deleteByPrefix } from '../src/platform/redis/index.js';
import type { BenchProjectionMode } from './lib/events-bench-consumer.js';
import { monotonicMs } from './lib/monotonic-clock.js';
import { median, percentile } from './lib/stats.js';

/**
 * events-throughput: the stream leg at saturation — raw ioredis (XADD pipelined, then
 * XREADGROUP COUNT 100 + XACK on the same Redis) beside Hotpath's consumer runtime reading the
 * same entries with a no-op handler; raw ioredis XADD -> XREADGROUP latency at the rate below
 * (the stream leg's floor); and the latency from a command's commit to its
 * projection (outbox -> relay -> stream -> consumer -> inbox + upsert) at ~1,000 events/s,
 * with the relay and the consumer in a worker process of their own. The projection runs in
 * each `BenchProjectionMode`: one statement committed asynchronously (confirmed durable before
 * each ack), the same committed synchronously, the peer of both, a transaction of two
 * statements, and the app's own contract stats projection over contract events.
 */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const DATABASE_URL = process.env.BENCH_EVENTS_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hotpath_bench_events';
const SHARDS = Number(process.env.BENCH_SHARDS ?? 4);
const SATURATION_EVENTS = Number(process.env.BENCH_EVENTS ?? 50_000);
const RATE = Number(process.env.BENCH_RATE ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = 2;
/** Rounds of the latency runs (async, then sync, each round); each row is the median over rounds of each figure. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** `BENCH_LATENCY_ONLY=1` skips the ceiling rows (raw ioredis at saturation and at `RATE`, the consumer at saturation). */
const LATENCY_ONLY = process.env.BENCH_LATENCY_ONLY === '1';

interface Row {
  name: string;
  eventsPerSec: number;
  p50Ms?: number;
  p99Ms?: number;
  note: string;
}

const sample = (id: string, v: number): EventEnvelope =>
  envelope({ type: 'contract.updated', schemaVersion: 1, aggregateType: 'contract', aggregateId: id, aggregateVersion: v, payload: { amountCents: 123_456, status: 'active', category: 'construction' } });

/**
 * The events of the `contract-stats` mode, as the contracts module writes them: a contract's
 * first event creates it (one of 10 agencies, 20 suppliers, 4 categories), each later one
 * changes its amount.
 */
function contractEvents(): (id: string, version: number) => EventEnvelope {
  const agencies = Array.from({ length: 10 }, () => randomUUID());
  const suppliers = Array.from({ length: 20 }, () => randomUUID());
  const contracts = new Map<string, Contract>();
  return (id, version) => {
    const now = new Date().toISOString();
    const before = contracts.get(id);
    const n = contracts.size;
    const contract: Contract = before
      ? { ...before, amountCents: before.amountCents + 1_000 * ((version % 7) - 3), version, updatedAt: now }
      : { id, agencyId: agencies[n % 10], supplierId: suppliers[n % 20], category: ['construction', 'it', 'health', 'transport'][n % 4], procurementMethod: 'open', amountCents: 5_000_000 + n * 1_000, currency: 'EUR', signedAt: `2026-${String((n % 12) + 1).padStart(2, '0')}-15`, status: 'active', metadata: {}, version, createdAt: now, updatedAt: now };
    contracts.set(id, contract);
    return before ? contractUpdated(contract, { amountCents: contract.amountCents }, before.agencyId, NO_CAUSE) : contractCreated(contract, NO_CAUSE);
  };
}

async function fill(redis: Redis, prefix: string, count: number): Promise<void> {
  const aggregates = Array.from({ length: 200 }, () => randomUUID());
  for (let start = 0; start < count; start += 1000) {
    const pipeline = redis.pipeline();
    for (let i = start; i < Math.min(count, start + 1000); i++) {
      const e = sample(aggregates[i % aggregates.length], Math.floor(i / aggregates.length) + 1);
      pipeline.xadd(streamOf(prefix, 'contract', e.aggregateId, SHARDS), '*', 'id', e.eventId, 'type', e.type, 'envelope', JSON.stringify(e));
    }
    await pipeline.exec();
  }
}

async function rawCeiling(redis: Redis): Promise<Row[]> {
  const prefix = `hotpath-bench-events:raw:${process.pid}`;
  const streams = shardStreams(prefix, 'contract', SHARDS);
  for (const stream of streams) await redis.xgroup('CREATE', stream, 'raw', '0', 'MKSTREAM');
  let started = performance.now();
  await fill(redis, prefix, SATURATION_EVENTS);
  const addRate = SATURATION_EVENTS / ((performance.now() - started) / 1000);
  started = performance.now();
  let consumed = 0;
  while (consumed < SATURATION_EVENTS) {
    const reply = (await redis.xreadgroup('GROUP', 'raw', 'c1', 'COUNT', 100, 'STREAMS', ...streams, ...streams.map(() => '>'))) as [string, [string, string[]][]][] | null;
    if (!reply) continue;
    const pipeline = redis.pipeline();
    for (const [stream, entries] of reply) {
      if (entries.length === 0) continue;
      for (const [, fields] of entries) JSON.parse(fields[5]);
      pipeline.xack(stream, 'raw', ...entries.map(([id]) => id));
      consumed += entries.length;
    }
    await pipeline.exec();
  }
  const consumeRate = SATURATION_EVENTS / ((performance.now() - started) / 1000);
  await deleteByPrefix(redis, `${prefix}:`);
  return [
    { name: 'ceiling: XADD pipelined (1,000 per round trip)', eventsPerSec: addRate, note: 'raw ioredis' },
    { name: 'ceiling: XREADGROUP COUNT 100 + XACK', eventsPerSec: consumeRate, note: 'raw ioredis, JSON.parse of each envelope' },
  ];
}

/** Resolves when the `i`-th of events paced at `RATE` per second from `start` (performance.now()) is due. */
async function due(start: number, i: number): Promise<void> {
  const wait = start + (i * 1000) / RATE - performance.now();
  if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
}

/**
 * The stream leg's floor at the latency runs' rate: raw ioredis XADD of each event as it comes,
 * read on a connection of its own by XREADGROUP COUNT 100 BLOCK (+ XACK), in this process.
 */
async function rawLatency(redis: Redis): Promise<Row> {
  const prefix = `hotpath-bench-events:raw-latency:${process.pid}`;
  const streams = shardStreams(prefix, 'contract', SHARDS);
  for (const stream of streams) await redis.xgroup('CREATE', stream, 'raw', '0', 'MKSTREAM');
  const reader = new Redis(REDIS_URL);
  const total = RATE * (SECONDS + WARMUP_SECONDS);
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let received = 0;
  const reading = (async () => {
    while (received < total) {
      const reply = (await reader.xreadgroup('GROUP', 'raw', 'c1', 'COUNT', 100, 'BLOCK', 1000, 'STREAMS', ...streams, ...streams.map(() => '>'))) as [string, [string, string[]][]][] | null;
      if (!reply) continue;
      const at = monotonicMs();
      const pipeline = reader.pipeline();
      for (const [stream, entries] of reply) {
        for (const [, fields] of entries) {
          const sent = sentAt.get((JSON.parse(fields[5]) as EventEnvelope).eventId);
          if (sent !== undefined) latencies.push(at - sent);
        }
        pipeline.xack(stream, 'raw', ...entries.map(([id]) => id));
        received += entries.length;
      }
      await pipeline.exec();
    }
  })();
  const aggregates = Array.from({ length: 100 }, () => randomUUID());
  const adds: Promise<unknown>[] = [];
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    await due(start, i);
    const e = sample(aggregates[i % aggregates.length], Math.floor(i / aggregates.length) + 1);
    if (i >= RATE * WARMUP_SECONDS) sentAt.set(e.eventId, monotonicMs());
    adds.push(redis.xadd(streamOf(prefix, 'contract', e.aggregateId, SHARDS), '*', 'id', e.eventId, 'type', e.type, 'envelope', JSON.stringify(e)));
  }
  await Promise.all(adds);
  await reading;
  reader.disconnect();
  await deleteByPrefix(redis, `${prefix}:`);
  latencies.sort((a, b) => a - b);
  return {
    name: `ceiling: XADD -> blocking read at ${RATE}/s`,
    eventsPerSec: RATE,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    note: `raw ioredis, one XADD per event, XREADGROUP COUNT 100 BLOCK + XACK on a second connection; the floor of the stream leg below; ${latencies.length} events after ${WARMUP_SECONDS} s warm-up`,
  };
}

async function hotpathConsumer(redis: Redis): Promise<Row> {
  const prefix = `hotpath-bench-events:hotpath:${process.pid}`;
  await fill(redis, prefix, SATURATION_EVENTS);

  @EventConsumer({ group: 'bench-noop', aggregateTypes: ['contract'] })
  @Injectable()
  class Noop {
    async handle(): Promise<void> {}
  }
  @Module({ imports: [ConfigModule.forRoot(AppConfig.fromEnv({ REDIS_URL, REDIS_KEY_PREFIX: prefix, EVENTS_STREAM_SHARDS: String(SHARDS), LOG_LEVEL: 'warn' })), EventConsumersModule], providers: [Noop] })
  class SaturationModule {}

  const app = await NestFactory.createApplicationContext(SaturationModule, { logger: ['error', 'warn'] });
  const started = performance.now();
  await app.init();
  const service = app.get(EventConsumersService);
  while (service.stats()[0].handled < SATURATION_EVENTS) await new Promise((resolve) => setTimeout(resolve, 2));
  const rate = SATURATION_EVENTS / ((performance.now() - started) / 1000);
  await app.close();
  await deleteByPrefix(redis, `${prefix}:`);
  return { name: 'hotpath consumer (no-op handler, default config)', eventsPerSec: rate, note: 'per-aggregate order, 16 aggregates at once, batched XACK' };
}

const MODE_LABELS: Record<BenchProjectionMode, string> = {
  async: '',
  sync: ', synchronous commit',
  transaction: ', in a transaction (BEGIN, inbox, upsert, COMMIT)',
  'contract-stats': ', the app\'s contract stats projection',
};

/** What a mode's handler does with a batch. */
const MODE_WORK: Record<BenchProjectionMode, string> = {
  async: 'inbox rows + upsert',
  sync: 'inbox rows + upsert',
  transaction: 'inbox rows + upsert',
  'contract-stats': 'one call of hotpath_apply_contract_states, then the cache invalidation',
};

/** `BENCH_MODES` (comma-separated, e.g. `async`) narrows the latency runs to some modes; all by default. */
function latencyModes(): BenchProjectionMode[] {
  const all = Object.keys(MODE_LABELS) as BenchProjectionMode[];
  const chosen = process.env.BENCH_MODES?.split(',').map((m) => m.trim()).filter(Boolean) ?? all;
  const unknown = chosen.filter((m) => !all.includes(m as BenchProjectionMode));
  if (unknown.length > 0) throw new Error(`BENCH_MODES: unknown mode(s) ${unknown.join(', ')}; known: ${all.join(', ')}`);
  return all.filter((m) => chosen.includes(m));
}

/** `mode`: how the bench projection applies its batches (see `BenchProjectionMode`); `withLegs`: also the producer and relay rows. */
async function commitToProjection(redis: Redis, mode: BenchProjectionMode, withLegs: boolean): Promise<Row[]> {
  const prefix = `hotpath-bench-events:e2e:${process.pid}`;
  await dropDatabase(DATABASE_URL).catch(() => undefined);
  const settings = { url: DATABASE_URL, poolSize: 8, maxOverflow: 0, acquireTimeoutMs: 5000, idleTimeoutMs: 10_000, statementTimeoutMs: 60_000, slowQueryMs: 60_000 };
  await migrate(settings);
  const db = new DataSource(dataSourceOptions(settings, 'hotpath-bench-producer'));
  await db.initialize();
  await db.query('CREATE TABLE bench_projection (aggregate_id uuid PRIMARY KEY, events int NOT NULL)');

  const child = fork(join(import.meta.dirname, 'events-child.js'), [], {
    env: { ...process.env, BENCH_PROJECTION: mode, DATABASE_URL, REDIS_URL, REDIS_KEY_PREFIX: prefix, EVENTS_STREAM_SHARDS: String(SHARDS), LOG_LEVEL: 'warn', DATABASE_POOL_SIZE: '4', EVENTS_CONSUMER_BLOCK_MS: '1000' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve) => child.once('message', () => resolve()));

  const committedAt = new Map<string, number>();
  const commandRuns: number[] = [];
  const aggregates = Array.from({ length: 100 }, () => randomUUID());
  const versions = new Map<string, number>();
  const next = mode === 'contract-stats' ? contractEvents() : sample;
  const total = RATE * (SECONDS + WARMUP_SECONDS);
  const measuredFrom = RATE * WARMUP_SECONDS;
  const inFlight = new Set<Promise<void>>();
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    await due(start, i);
    const id = aggregates[i % aggregates.length];
    const version = (versions.get(id) ?? 0) + 1;
    versions.set(id, version);
    const event = next(id, version);
    const begun = monotonicMs();
    const commit = db.transaction((manager) => appendToOutbox(manager, [event])).then(() => {
      if (i < measuredFrom) return;
      const committed = monotonicMs();
      committedAt.set(event.eventId, committed);
      commandRuns.push(committed - begun);
    });
    inFlight.add(commit);
    void commit.finally(() => inFlight.delete(commit));
    // The producer is bounded like a real API's pool: at most 8 commands committing at once.
    if (inFlight.size >= 8) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  const produceSeconds = (performance.now() - start) / 1000;

  const deadline = Date.now() + 30_000;
  type Applied = [eventId: string, at: number, handlerStartedAt: number];
  let applied: Applied[] = [];
  while (Date.now() < deadline) {
    child.send('report');
    applied = await new Promise<Applied[]>((resolve) => child.once('message', (m) => resolve((m as { appliedAt: Applied[] }).appliedAt)));
    if (applied.length >= total) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  const latencies = applied.filter(([id]) => committedAt.has(id)).map(([id, at]) => at - (committedAt.get(id) as number));
  latencies.sort((a, b) => a - b);
  // Where the time goes: a stream entry id starts with the millisecond Redis appended it, by the wall clock.
  const wallOffset = Date.now() - monotonicMs();
  const appliedOf = new Map(applied.map(([id, at, started]) => [id, { at, started }]));
  const toStream: number[] = [];
  const streamToProjection: number[] = [];
  const handlerRuns: number[] = [];
  for (const stream of shardStreams(prefix, 'contract', SHARDS)) {
    for (const [entryId, fields] of await redis.xrange(stream, '-', '+')) {
      const committed = committedAt.get(fields[1]);
      if (committed === undefined) continue;
      const appended = Number(entryId.split('-')[0]) - wallOffset;
      toStream.push(appended - committed);
      const { at, started } = appliedOf.get(fields[1]) as { at: number; started: number };
      streamToProjection.push(at - appended);
      handlerRuns.push(at - started);
    }
  }
  toStream.sort((a, b) => a - b);
  streamToProjection.sort((a, b) => a - b);
  handlerRuns.sort((a, b) => a - b);
  commandRuns.sort((a, b) => a - b);
  // Each event counted once: in the bench table, or as the versions the contract states reached.
  const projectedSql = mode === 'contract-stats' ? 'SELECT coalesce(sum(version), 0)::int AS n FROM contract_stats_state' : 'SELECT coalesce(sum(events), 0)::int AS n FROM bench_projection';
  const [projected] = (await db.query(projectedSql)) as { n: number }[];
  const [outbox] = (await db.query('SELECT count(*) FILTER (WHERE published_at IS NULL)::int AS unpublished, count(*)::int AS total FROM outbox')) as { unpublished: number; total: number }[];
  if (projected.n !== total) console.error('outbox', outbox);
  await db.destroy();
  await deleteByPrefix(redis, `${prefix}:`);
  if (projected.n !== total) throw new Error(`projection holds ${projected.n} events, expected ${total}; child reported ${applied.length} applied; streams hold ${toStream.length} measured entries`);
  const label = MODE_LABELS[mode];
  const rows: Row[] = [
    {
      name: `hotpath command transaction at ${RATE}/s${label}`,
      eventsPerSec: total / produceSeconds,
      p50Ms: percentile(commandRuns, 0.5),
      p99Ms: percentile(commandRuns, 0.99),
      note: 'the producer\'s transaction: appendToOutbox and its commit (from the pool acquire to the commit\'s reply)',
    },
    {
      name: `hotpath commit -> stream (relay) at ${RATE}/s${label}`,
      eventsPerSec: total / produceSeconds,
      p50Ms: percentile(toStream, 0.5),
      p99Ms: percentile(toStream, 0.99),
      note: 'XADD time from the entry id (1 ms resolution)',
    },
    {
      name: `hotpath stream -> projection at ${RATE}/s${label}`,
      eventsPerSec: total / produceSeconds,
      p50Ms: percentile(streamToProjection, 0.5),
      p99Ms: percentile(streamToProjection, 0.99),
      note: 'consumer leg, from the XADD time in the entry id (1 ms resolution)',
    },
    {
      name: `hotpath projection handler at ${RATE}/s${label}`,
      eventsPerSec: total / produceSeconds,
      p50Ms: percentile(handlerRuns, 0.5),
      p99Ms: percentile(handlerRuns, 0.99),
      note: `part of the consumer leg: the handler applying its batch (${MODE_WORK[mode]})`,
    },
    {
    name: `hotpath commit -> projection at ${RATE}/s${label}`,
    eventsPerSec: total / produceSeconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    note: `outbox -> relay -> stream -> consumer -> ${MODE_WORK[mode]}; ${latencies.length} events after ${WARMUP_SECONDS} s warm-up; events/s = what the producer reached`,
    },
  ];
  // The modes' producer and relay legs are the same code: they are printed for one mode only.
  return withLegs ? rows : rows.slice(3);
}

/** The latency runs, each mode in turn, `ROUNDS` times; per row, the median of each figure over the rounds. */
async function latencyRounds(redis: Redis): Promise<Row[]> {
  const modes = latencyModes();
  const rounds: Row[][] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const rows: Row[] = [];
    for (const mode of modes) rows.push(...(await commitToProjection(redis, mode, mode === modes[0])));
    for (const r of rows.filter((row) => row.name.includes('commit -> projection'))) console.error(`  round ${round} ${r.name}: p50 ${r.p50Ms?.toFixed(2)} ms, p99 ${r.p99Ms?.toFixed(2)} ms`);
    rounds.push(rows);
  }
  const of = (i: number, pick: (row: Row) => number | undefined) => median(rounds.map((rows) => pick(rows[i]) ?? 0));
  return rounds[0].map((row, i) => ({
    ...row,
    eventsPerSec: of(i, (r) => r.eventsPerSec),
    p50Ms: of(i, (r) => r.p50Ms),
    p99Ms: of(i, (r) => r.p99Ms),
    note: `${row.note}; median of ${ROUNDS} rounds (p99 per round: ${rounds.map((rows) => rows[i].p99Ms?.toFixed(2)).join(' / ')})`,
  }));
}

async function main(): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    const saturation = LATENCY_ONLY ? [] : [...(await rawCeiling(redis)), await hotpathConsumer(redis), await rawLatency(redis)];
    const rows = [...saturation, ...(await latencyRounds(redis))];
    const ceiling = saturation[1]?.eventsPerSec ?? Number.NaN;
    console.log(`events-throughput ${new Date().toISOString()} nproc=${cpus().length} node=${process.version} events=${SATURATION_EVENTS} shards=${SHARDS} latency rounds=${ROUNDS}`);
    console.log('| row | events/s | vs XREADGROUP+XACK ceiling | p50 ms | p99 ms | note |');
    console.log('|---|---:|---:|---:|---:|---|');
    for (const r of rows) {
      const ratio = r.name.startsWith('hotpath consumer') || r.name.includes('XREADGROUP') ? `${((r.eventsPerSec / ceiling) * 100).toFixed(1)}%` : '-';
      console.log(`| ${r.name} | ${r.eventsPerSec.toFixed(0)} | ${ratio} | ${r.p50Ms?.toFixed(2) ?? '-'} | ${r.p99Ms?.toFixed(2) ?? '-'} | ${r.note} |`);
    }
  } finally {
    redis.disconnect();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
