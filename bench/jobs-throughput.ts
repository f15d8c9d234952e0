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

/**
 * Jobs per second through Hotpath's jobs module (JobsModule's queue with its default job
 * options; a QueueProcessor worker built by @nestjs/bullmq from config) beside bare BullMQ
 * (a Queue and a Worker with BullMQ's defaults) and bare BullMQ given Hotpath's job options
 * (to tell the wrappers' cost from the cost of the retry and bounded-history policy). Per
 * subject: addBulk of N jobs, then the time from the first to the N-th run of a trivial
 * processor with the worker at concurrency 1, 10 and 50. Subjects alternate within each
 * round, each round starting with the next one; each figure is the median of the rounds.
 */
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const QUEUE = 'bench';
const SUBJECTS = ['bare BullMQ', 'bare BullMQ + Hotpath job options', 'Hotpath jobs module'] as const;
type Subject = (typeof SUBJECTS)[number];

/** Resolves with the seconds from the first to the n-th call of the returned processor. */
function counter(n: number): { process: () => Promise<void>; elapsed: Promise<number> } {
  let done = 0;
  let first = 0;
  let resolve!: (seconds: number) => void;
  const elapsed = new Promise<number>((r) => (resolve = r));
  return {
    process: async () => {
      if (done === 0) first = performance.now();
      if (++done === n) resolve((performance.now() - first) / 1000);
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

async function addBulk(subject: Subject, prefix: string, n: number): Promise<number> {
  if (subject === 'Hotpath jobs module') {
    const app = await hotpath(prefix, undefined);
    const queue = app.get<Queue>(getQueueToken(QUEUE));
    await queue.waitUntilReady();
    const t0 = performance.now();
    await queue.addBulk(jobs(n));
    const seconds = (performance.now() - t0) / 1000;
    await app.close();
    return n / seconds;
  }
  const settings = config(prefix);
  const queue = new Queue(QUEUE, { connection: { url: REDIS_URL }, prefix: bullPrefix(prefix), defaultJobOptions: subject === 'bare BullMQ' ? undefined : defaultJobOptions(settings.jobs) });
  await queue.waitUntilReady();
  const t0 = performance.now();
  await queue.addBulk(jobs(n));
  const seconds = (performance.now() - t0) / 1000;
  await queue.close();
  return n / seconds;
}

/** Fills the queue (with the subject's job options), then measures its worker at `concurrency`. */
async function processing(subject: Subject, prefix: string, n: number, concurrency: number): Promise<number> {
  const settings = config(prefix, concurrency);
  const options: DefaultJobOptions | undefined = subject === 'bare BullMQ' ? undefined : defaultJobOptions(settings.jobs);
  const filler = new Queue(QUEUE, { connection: { url: REDIS_URL }, prefix: bullPrefix(prefix), defaultJobOptions: options });
  for (let i = 0; i < n; i += 5000) await filler.addBulk(jobs(Math.min(5000, n - i)));
  await filler.close();
  const run = counter(n);
  current = run;
  if (subject === 'Hotpath jobs module') {
    const app = await hotpath(prefix, concurrency);
    const seconds = await run.elapsed;
    await app.close();
    return (n - 1) / seconds;
  }
  const worker = new Worker(QUEUE, run.process, { connection: subject === 'bare BullMQ' ? { url: REDIS_URL } : bullConnection(settings.redis), prefix: bullPrefix(prefix), concurrency });
  const seconds = await run.elapsed;
  await worker.close();
  return (n - 1) / seconds;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { jobs: { type: 'string', default: '10000' }, rounds: { type: 'string', default: '5' }, concurrency: { type: 'string', default: '1,10,50' } } });
  const concurrencies = values.concurrency.split(',').filter(Boolean).map(Number);
  const n = Number(values.jobs);
  const rounds = Number(values.rounds);
  const redis = new Redis(REDIS_URL);
  const base = `hotpath-bench-jobs:${process.pid}`;
  const samples = new Map<string, number[]>();
  const record = (row: string, value: number) => samples.set(row, [...(samples.get(row) ?? []), value]);
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
  const rows = SUBJECTS.map((subject) => ({
    name: subject,
    jobsPerSec: Object.fromEntries(columns.map((col) => [col, Math.round(median(samples.get(`${subject}|${col}`)!))])),
    samples: Object.fromEntries(columns.map((col) => [col, samples.get(`${subject}|${col}`)!.map(Math.round)])),
  }));
  const bare = rows[0].jobsPerSec;
  const ratios = Object.fromEntries(rows.slice(1).map((row) => [row.name, Object.fromEntries(columns.map((col) => [col, row.jobsPerSec[col] / bare[col]]))]));
  const date = new Date().toISOString();
  const machine = { nproc: cpus().length, node: process.version };
  console.log(`jobs-throughput (${date}, nproc ${machine.nproc}, node ${machine.node}, ${n} jobs, median of ${rounds} rounds)`);
  console.log(`| subject | addBulk jobs/s | ${concurrencies.map((c) => `processing c=${c}`).join(' | ')} |\n|---|---:|${concurrencies.map(() => '---:').join('|')}|`);
  for (const row of rows) {
    const cells = columns.map((col) => {
      const ratio = ratios[row.name]?.[col];
      return `${row.jobsPerSec[col].toLocaleString('en-US')}${ratio === undefined ? '' : ` (${(ratio * 100).toFixed(0)}%)`}`;
    });
    console.log(`| ${row.name} | ${cells.join(' | ')} |`);
  }
  for (const row of rows) console.log(`samples ${row.name}: ${columns.map((col) => `${col} [${row.samples[col].join(', ')}]`).join('; ')}`);
  writeFileSync(join(import.meta.dirname, '../../bench/results/jobs-throughput.json'), `${JSON.stringify({ scenario: 'jobs-throughput', date, machine, jobs: n, rounds, rows, ratios }, null, 2)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
