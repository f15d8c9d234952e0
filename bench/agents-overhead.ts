import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Piscina } from 'piscina';
import { AgentPool, type AgentPoolSettings, agentTask, mapReduceRanges } from '../src/platform/agents/index.js';
import { sumSqrt } from './agent-tasks.js';
import { median } from './lib/stats.js';

/**
 * Agent pool overhead: per-task cost of Hotpath's pool beside bare piscina on a trivial task
 * (one at a time, and 64 in flight), and a CPU-bound map-reduce on 2 threads beside the same
 * loop inline on the main thread, for several chunk sizes (columns on a SharedArrayBuffer).
 */
const { values: args } = parseArgs({ options: { tasks: { type: 'string', default: '20000' }, rows: { type: 'string', default: '8000000' }, rounds: { type: 'string', default: '5' } } });
const TASKS = Number(args.tasks);
const ROWS = Number(args.rows);
const ROUNDS = Number(args.rounds);
const THREADS = 2;
const taskFile = new URL('./agent-tasks.js', import.meta.url);

const settings: AgentPoolSettings = {
  minThreads: THREADS,
  maxThreads: THREADS,
  idleTimeoutMs: 60_000,
  maxQueue: 100_000,
  taskTimeoutMs: 60_000,
  maxMemoryMb: 512,
  healthIntervalMs: 0,
  dispatch: 'least-busy',
  atomics: 'sync',
  retries: 0,
};

type Runner = (i: number) => Promise<unknown>;

/** µs per task over `TASKS` tasks with `inFlight` outstanding at a time. */
async function perTask(run: Runner, inFlight: number): Promise<number> {
  for (let i = 0; i < 500; i++) await run(i);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < TASKS) await run(next++);
    }),
  );
  return ((performance.now() - started) * 1000) / TASKS;
}


async function main(): Promise<void> {
  const bareSync = new Piscina({ filename: taskFile.href, name: 'echo', minThreads: THREADS, maxThreads: THREADS });
  const bareAsync = new Piscina({ filename: taskFile.href, name: 'echo', minThreads: THREADS, maxThreads: THREADS, atomics: 'async' });
  const pool = new AgentPool(settings);
  const echo = agentTask<number, number>(taskFile, 'echo');
  const subjects: [string, Runner][] = [
    ['bare piscina (atomics sync, its default)', (i) => bareSync.run(i)],
    ['bare piscina (atomics async)', (i) => bareAsync.run(i)],
    ['hotpath AgentPool.run (atomics sync, the default)', (i) => pool.run(echo, i)],
  ];
  const overhead: Record<string, Record<string, number>> = {};
  for (const inFlight of [1, 64]) {
    const rounds: Record<string, number[]> = {};
    // Rotation: every subject once per round, so drift hits them alike.
    for (let r = 0; r < ROUNDS; r++) for (const [name, run] of subjects) (rounds[name] ??= []).push(await perTask(run, inFlight));
    for (const [name] of subjects) (overhead[name] ??= {})[`inFlight${inFlight}`] = Number(median(rounds[name]).toFixed(2));
  }

  const values = new Float64Array(new SharedArrayBuffer(ROWS * 8));
  for (let i = 0; i < ROWS; i++) values[i] = (i % 1000) + 1;
  const sumTask = agentTask<{ from: number; to: number; context: { values: Float64Array } }, number>(taskFile, 'sumSqrtRange');
  const inlineMs: number[] = [];
  const mapReduceMs: Record<string, number[]> = {};
  const chunkSizes = [100_000, 1_000_000, ROWS / THREADS];
  for (let r = 0; r < ROUNDS; r++) {
    let t = performance.now();
    const check = sumSqrt(values, 0, ROWS);
    inlineMs.push(performance.now() - t);
    for (const chunkSize of chunkSizes) {
      t = performance.now();
      const total = await mapReduceRanges(pool, ROWS, { values }, { chunkSize }, sumTask, (parts) => parts.reduce((a, b) => a + b, 0));
      (mapReduceMs[chunkSize] ??= []).push(performance.now() - t);
      if (Math.abs(total - check) > Math.abs(check) * 1e-9) throw new Error(`map-reduce sum ${total} differs from inline ${check}`);
    }
  }
  const inline = median(inlineMs);
  const speedups = Object.fromEntries(chunkSizes.map((c) => [c, { ms: Number(median(mapReduceMs[c]).toFixed(1)), speedup: Number((inline / median(mapReduceMs[c])).toFixed(2)) }]));

  await Promise.all([bareSync.close(), bareAsync.close(), pool.close()]);

  const base = overhead['bare piscina (atomics sync, its default)'];
  const hp = overhead['hotpath AgentPool.run (atomics sync, the default)'];
  const date = new Date().toISOString();
  const machine = { nproc: cpus().length, node: process.version };
  console.log(`\nagents-overhead (${date}, nproc ${machine.nproc}, node ${machine.node}; ${TASKS} tasks, ${THREADS} threads, median of ${ROUNDS} rounds)\n`);
  console.log('| subject | µs/task, 1 in flight | µs/task, 64 in flight |');
  console.log('|---|---:|---:|');
  for (const [name] of subjects) console.log(`| ${name} | ${overhead[name].inFlight1} | ${overhead[name].inFlight64} |`);
  console.log(`\nHotpath / bare piscina (default): ${(hp.inFlight1 / base.inFlight1).toFixed(2)}x at 1 in flight, ${(hp.inFlight64 / base.inFlight64).toFixed(2)}x at 64 (goal: within 1.10x)`);
  console.log(`\nmap-reduce of sqrt*log1p over ${ROWS.toLocaleString('en')} rows on ${THREADS} threads (shared buffer) vs inline on the main thread (${inline.toFixed(1)} ms)\n`);
  console.log('| chunk size | ms | speed-up vs inline |');
  console.log('|---:|---:|---:|');
  for (const c of chunkSizes) console.log(`| ${c.toLocaleString('en')} | ${speedups[c].ms} | ${speedups[c].speedup}x |`);
  writeFileSync(
    join(import.meta.dirname, '../../bench/results/agents-overhead.json'),
    `${JSON.stringify({ scenario: 'agents-overhead', date, machine, tasks: TASKS, threads: THREADS, perTaskUs: overhead, mapReduce: { rows: ROWS, inlineMs: Number(inline.toFixed(1)), byChunkSize: speedups } }, null, 2)}\n`,
  );
}

await main();
