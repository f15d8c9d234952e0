import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { deleteByPrefix } from '../src/platform/redis/index.js';
import { BENCH_REDIS_URL } from './lib/redis-tiered.js';
import { createSubject, SUBJECTS } from './lib/stampede-subjects.js';
import { runTtlBoundary, TTL_BOUNDARY, TTL_SUBJECTS, type TtlBoundaryRow } from './lib/ttl-boundary.js';

/**
 * 1,000 concurrent getOrSet on a cold key with a 50 ms loader: how many times the loader ran,
 * in one process and spread over 4 processes sharing Redis, for Hotpath and its peers. Then
 * steady load across a TTL boundary: p99 before the expiry against p99 across it.
 */
const CALLERS = 1000;
const PROCESSES = 4;

async function main(): Promise<void> {
  const prefix = `hotpath-bench-stampede:${process.pid}`;
  const redis = new Redis(BENCH_REDIS_URL);
  const rows: { name: string; loaderRuns: number; callers: number; processes: number }[] = [];
  const boundary: TtlBoundaryRow[] = [];
  try {
    for (const subject of SUBJECTS) {
      const cache = createSubject(subject, `${prefix}:one`);
      let runs = 0;
      const loader = async () => {
        runs++;
        await new Promise((resolve) => setTimeout(resolve, 50));
        return { computed: true };
      };
      await Promise.all(Array.from({ length: CALLERS }, () => cache.getOrSet('cold', loader)));
      await cache.close();
      rows.push({ name: `${subject}, 1 process`, loaderRuns: runs, callers: CALLERS, processes: 1 });
    }
    for (const subject of SUBJECTS) {
      // Far enough ahead that every child has loaded its modules and connected.
      const startAt = Date.now() + 4000;
      await Promise.all(
        Array.from(
          { length: PROCESSES },
          () =>
            new Promise<void>((resolve, reject) => {
              const child = spawn(process.execPath, [join(import.meta.dirname, 'stampede-child.js'), subject, `${prefix}:many`, 'cold', String(startAt), String(CALLERS / PROCESSES)], { stdio: 'inherit' });
              child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${subject} child exited ${code}`))));
            }),
        ),
      );
      rows.push({ name: `${subject}, ${PROCESSES} processes`, loaderRuns: Number(await redis.get(`runs:${prefix}:many:${subject}`)), callers: CALLERS, processes: PROCESSES });
    }
    for (const subject of TTL_SUBJECTS) boundary.push(await runTtlBoundary(subject, `${prefix}:ttl`));
  } finally {
    await deleteByPrefix(redis, prefix);
    await redis.unlink(...SUBJECTS.map((subject) => `runs:${prefix}:many:${subject}`));
    redis.disconnect();
  }
  const date = new Date().toISOString();
  const machine = { nproc: cpus().length, node: process.version };
  console.log(`cache-stampede (${date}, nproc ${machine.nproc}, node ${machine.node}): ${CALLERS} concurrent getOrSet, cold key, 50 ms loader\n| subject | loader runs |\n|---|---:|`);
  for (const r of rows) console.log(`| ${r.name} | ${r.loaderRuns} |`);
  const { keys, ttlMs, loaderMs, callsPerMs } = TTL_BOUNDARY;
  console.log(`\nacross a TTL boundary: ${callsPerMs * 1000} getOrSet/s over ${keys} keys expiring together, TTL ${ttlMs} ms, ${loaderMs} ms loader`);
  console.log('| subject | calls | loader runs | p50 before ms | p99 before ms | p99 across expiry ms | across / before |\n|---|---:|---:|---:|---:|---:|---:|');
  for (const r of boundary) console.log(`| ${r.name} | ${r.calls} | ${r.loaderRuns} | ${r.p50BeforeMs.toFixed(2)} | ${r.p99BeforeMs.toFixed(2)} | ${r.p99AcrossExpiryMs.toFixed(2)} | ${r.ratio.toFixed(1)}x |`);
  writeFileSync(join(import.meta.dirname, '../../bench/results/cache-stampede.json'), `${JSON.stringify({ scenario: 'cache-stampede', date, machine, rows, ttlBoundary: { ...TTL_BOUNDARY, rows: boundary } }, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
