import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Injectable, type INestApplicationContext, Module } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { NestFactory } from '@nestjs/core';
import { type DefaultJobOptions, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { AppConfig, ConfigModule } from '../src/config/index.js';
import { bullConnection, bullPrefix, defaultJobOptions, JobsModule, QueueProcessor, workerSettings } from '../src/platform/jobs/index.js';
import { deleteByPrefix } from '../src/platform/redis/index.js';
import { cpuSecondsOf } from './lib/processes.js';
import { median } from './lib/stats.js';

/**
 * Jobs per second through Hotpath's jobs module (JobsModule's queue with its default job
 * options; a QueueProcessor worker built by @nestjs/bullmq from config) beside bare BullMQ
 * (a Queue and a Worker with BullMQ's defaults) and bare BullMQ given Hotpath's job options
 * (to tell the wrappers' cost from the cost of the retry and bounded-history policy). Per
 * subject: addBulk of N jobs, then the time from the first to the N-th run of a trivial
 * processor with the worker at concurrency 1, 10 and 50. Subjects alternate within each
 * round, each round starting with the next one; each figure is the median of the rounds.
 * Beside jobs/s, the CPU time per job of this process and the Redis server together over the
 * same window (from /proc, when Redis runs on this machine): on a noisy 2-core machine
 * throughput swings from round to round, the work done per job much less.
 */
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const QUEUE = 'bench';
const SUBJECTS = ['bare BullMQ', 'bare BullMQ + Hotpath job options', 'Hotpath jobs module'] as const;
type Subject = (typeof SUBJECTS)[number];

interface Measure {
  seconds: number;
  /** CPU seconds of this process and the Redis server, when Redis's /proc entry is readable. */
  cpuSeconds?: number;
}

let redisPid: number | undefined;

/** CPU seconds used so far by this process plus the Redis server, or undefined without /proc access to Redis. */
function cpuClock(): number | undefined {
  const redis = redisPid === undefined ? undefined : cpuSecondsOf(redisPid);
  if (redis === undefined) return undefined;
  const own = process.cpuUsage();
  return redis + (own.user + own.system) / 1e6;
}

/** Starts the wall clock and the CPU clock; `stop` reads both. */
function startMeasure(): { stop: () => Measure } {
  const t0 = performance.now();
  const cpu0 = cpuClock();
  return {
    stop: () => {
      const cpu1 = cpuClock();
      return { seconds: (performance.now() - t0) / 1000, cpuSeconds: cpu0 === undefined || cpu1 === undefined ? undefined : cpu1 - cpu0 };
    },
  };
}

/** Resolves with the time from the first to the n-th call of the returned processor. */
function counter(n: number): { process: () => Promise<void>; elapsed: Promise<Measure> } {
  let done = 0;
  let measure: { stop: () => Measure } | undefined;
  let resolve!: (measured: Measure) => void;
  const elapsed = new Promise<Measure>((r) => (resolve = r));
  return {
    process: async () => {
      if (done === 0) measure = startMeasure();
      if (++done === n) resolve(measure!.stop());
    },
    elapsed,
  };
}

let current: { process: () => Promise<void> } = { process: async () => undefined };

@Injectable()
class BenchProcessor extends QueueProcessor {
  constructor(config: AppConfig) {
    super(QUEUE, workerSettings(config.jobs, config.jobs.concurrency.investigations));
  }

  process(): Promise<void> {
    return current.process();
  }
}

@Module({ providers: [BenchProcessor] })
class BenchProcessorModule {}

const config = (prefix: string, concurrency = 1) => AppConfig.fromEnv({ REDIS_URL, REDIS_KEY_PREFIX: prefix, LOG_LEVEL: 'silent', JOBS_CONCURRENCY_INVESTIGATIONS: String(concurrency) });

async function hotpath(prefix: string, concurrency: number | undefined): Promise<INestApplicationContext> {
  const modules = [ConfigModule.forRoot(config(prefix, concurrency)), JobsModule.forRoot([QUEUE]), ...(concurrency ? [BenchProcessorModule] : [])];
  @Module({ imports: modules })
  class BenchModule {}
  return NestFactory.createApplicationContext(BenchModule, { logger: false });
}

const jobs = (n: number) => Array.from({ length: n }, (_, i) => ({ name: 'noop', data: { i } }));

/** One result: jobs per second and, when measurable, CPU µs per job (this process + Redis). */
interface Result {
  perSec: number;
  cpuUsPerJob?: number;
}

const resultOf = (jobsDone: number, measured: Measure): Result => ({
  perSec: jobsDone / measured.seconds,
  cpuUsPerJob: measured.cpuSeconds === undefined ? undefined : (measured.cpuSeconds * 1e6) / jobsDone,
});

async function addBulk(subject: Subject, prefix: string, n: number): Promise<Result> {
  const timed = async (queue: Queue) => {
    await queue.waitUntilReady();
    const measure = startMeasure();
    await queue.addBulk(jobs(n));
    return resultOf(n, measure.stop());
  };
  if (subject === 'Hotpath jobs module') {
    const app = await hotpath(prefix, undefined);
    const result = await timed(app.get<Queue>(getQueueToken(QUEUE)));
    await app.close();
    return result;
  }
  const settings = config(prefix);
  const queue = new Queue(QUEUE, { connection: { url: REDIS_URL }, prefix: bullPrefix(prefix), defaultJobOptions: subject === 'bare BullMQ' ? undefined : defaultJobOptions(settings.jobs) });
  const result = await timed(queue);
  await queue.close();
  return result;
}

/** Fills the queue (with the subject's job options), then measures its worker at `concurrency`. */
async function processing(subject: Subject, prefix: string, n: number, concurrency: number): Promise<Result> {
  const settings = config(prefix, concurrency);
  const options: DefaultJobOptions | undefined = subject === 'bare BullMQ' ? undefined : defaultJobOptions(settings.jobs);
  const filler = new Queue(QUEUE, { connection: { url: REDIS_URL }, prefix: bullPrefix(prefix), defaultJobOptions: options });
  for (let i = 0; i < n; i += 5000) await filler.addBulk(jobs(Math.min(5000, n - i)));
  await filler.close();
  const run = counter(n);
  current = run;
  if (subject === 'Hotpath jobs module') {
    const app = await hotpath(prefix, concurrency);
    const measured = await run.elapsed;
    await app.close();
    return resultOf(n - 1, measured);
  }
  const worker = new Worker(QUEUE, run.process, { connection: subject === 'bare BullMQ' ? { url: REDIS_URL } : bullConnection(settings.redis), prefix: bullPrefix(prefix), concurrency });
  const measured = await run.elapsed;
  await worker.close();
  return resultOf(n - 1, measured);
}


async function main(): Promise<void> {
  const { values } = parseArgs({ options: { jobs: { type: 'string', default: '10000' }, rounds: { type: 'string', default: '5' }, concurrency: { type: 'string', default: '1,10,50' } } });
  const concurrencies = values.concurrency.split(',').filter(Boolean).map(Number);
  const n = Number(values.jobs);
  const rounds = Number(values.rounds);
  const redis = new Redis(REDIS_URL);
  redisPid = Number(/process_id:(\d+)/.exec(await redis.info('server'))?.[1]) || undefined;
  const base = `hotpath-bench-jobs:${process.pid}`;
  const samples = new Map<string, Result[]>();
  const record = (row: string, value: Result) => samples.set(row, [...(samples.get(row) ?? []), value]);
  let k = 0;
  for (let round = 0; round < rounds; round++) {
    // Each round starts with another subject: whoever runs first (or right after a subject that
    // left 10,000 finished jobs to delete) is not always the same one.
    const order = SUBJECTS.map((_, i) => SUBJECTS[(i + round) % SUBJECTS.length]);
    for (const subject of order) {
      const prefix = `${base}:${k++}`;
      record(`${subject}|addBulk`, await addBulk(subject, prefix, n));
      await deleteByPrefix(redis, prefix);
    }
    for (const concurrency of concurrencies) {
      for (const subject of order) {
        const prefix = `${base}:${k++}`;
        record(`${subject}|c${concurrency}`, await processing(subject, prefix, n, concurrency));
        await deleteByPrefix(redis, prefix);
      }
    }
    console.error(`round ${round + 1}/${rounds} done`);
  }
  await deleteByPrefix(redis, base);
  redis.disconnect();

  const columns = ['addBulk', ...concurrencies.map((c) => `c${c}`)];
  const medianOf = (subject: Subject, col: string, pick: (r: Result) => number | undefined) => {
    const values = samples.get(`${subject}|${col}`)!.map(pick);
    return values.every((v) => v !== undefined) ? median(values as number[]) : undefined;
  };
  const rows = SUBJECTS.map((subject) => ({
    name: subject,
    jobsPerSec: Object.fromEntries(columns.map((col) => [col, Math.round(medianOf(subject, col, (r) => r.perSec)!)])),
    cpuUsPerJob: Object.fromEntries(columns.map((col) => [col, medianOf(subject, col, (r) => r.cpuUsPerJob)])),
    samples: Object.fromEntries(columns.map((col) => [col, samples.get(`${subject}|${col}`)!.map((r) => Math.round(r.perSec))])),
  }));
  const bare = rows[0];
  const ratios = Object.fromEntries(rows.slice(1).map((row) => [row.name, Object.fromEntries(columns.map((col) => [col, row.jobsPerSec[col] / bare.jobsPerSec[col]]))]));
  // Bare BullMQ's CPU per job over the subject's: above 1 means the subject does less work per job.
  const cpuRatios = Object.fromEntries(
    rows.slice(1).map((row) => [row.name, Object.fromEntries(columns.map((col) => [col, bare.cpuUsPerJob[col] === undefined || row.cpuUsPerJob[col] === undefined ? undefined : bare.cpuUsPerJob[col] / row.cpuUsPerJob[col]]))]),
  );
  const date = new Date().toISOString();
  const machine = { nproc: cpus().length, node: process.version };
  console.log(`jobs-throughput (${date}, nproc ${machine.nproc}, node ${machine.node}, ${n} jobs, median of ${rounds} rounds)`);
  console.log(`| subject | addBulk jobs/s | ${concurrencies.map((c) => `processing c=${c}`).join(' | ')} |\n|---|---:|${concurrencies.map(() => '---:').join('|')}|`);
  const percent = (ratio: number | undefined) => (ratio === undefined ? '' : ` (${(ratio * 100).toFixed(0)}%)`);
  for (const row of rows) console.log(`| ${row.name} | ${columns.map((col) => `${row.jobsPerSec[col].toLocaleString('en-US')}${percent(ratios[row.name]?.[col])}`).join(' | ')} |`);
  if (bare.cpuUsPerJob.addBulk !== undefined) {
    console.log(`\nCPU µs per job, this process + Redis (in brackets: bare BullMQ's CPU per job over the subject's)\n| subject | addBulk | ${concurrencies.map((c) => `c=${c}`).join(' | ')} |\n|---|---:|${concurrencies.map(() => '---:').join('|')}|`);
    for (const row of rows) console.log(`| ${row.name} | ${columns.map((col) => `${(row.cpuUsPerJob[col] ?? 0).toFixed(1)}${percent(cpuRatios[row.name]?.[col])}`).join(' | ')} |`);
  } else console.log('\n(CPU per job not measured: the Redis server\'s /proc entry is not readable from here)');
  for (const row of rows) console.log(`samples ${row.name}: ${columns.map((col) => `${col} [${row.samples[col].join(', ')}]`).join('; ')}`);
  writeFileSync(join(import.meta.dirname, '../../bench/results/jobs-throughput.json'), `${JSON.stringify({ scenario: 'jobs-throughput', date, machine, jobs: n, rounds, rows, ratios, cpuRatios }, null, 2)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
