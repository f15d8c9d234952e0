import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { generateData } from '../scripts/data/load.js';
import { migrate } from '../src/platform/database/index.js';
import { startServer } from './lib/processes.js';
import { BenchCaches } from './lib/redis-tiered.js';
import { percentile } from './lib/stats.js';

/**
 * Tag invalidation cost whatever the number of tagged keys (1 vs 100,000), how long until
 * another instance stops serving an invalidated entry from its L1 (two instances with their
 * own Redis connections in one process; the message crosses Redis pub/sub), and the same
 * between two API processes: PATCH a contract on one, read it back from the other.
 */
const ROUNDS = 300;

interface Row {
  name: string;
  p50Ms: number;
  p99Ms: number;
  samples: number;
}
const DIST = join(import.meta.dirname, '..');

async function main(): Promise<void> {
  const caches = new BenchCaches(`hotpath-bench-tags:${process.pid}`);
  const a = caches.create();
  const b = caches.create();
  await new Promise((resolve) => setTimeout(resolve, 200));
  const rows: Row[] = [];
  try {
    for (const size of [1, 100_000]) {
      const tag = `bench:${size}`;
      for (let start = 0; start < size; start += 1000) {
        await a.setMany(Array.from({ length: Math.min(1000, size - start) }, (_, i) => ({ key: a.key('api', `${tag}:${start + i}`), value: { n: start + i } })), { tags: [tag] });
      }
      const times: number[] = [];
      for (let i = 0; i < 300; i++) {
        const started = performance.now();
        await a.invalidateTags([tag]);
        times.push(performance.now() - started);
      }
      times.sort((x, y) => x - y);
      rows.push({ name: `invalidateTags, tag on ${size.toLocaleString('en-US')} keys`, p50Ms: percentile(times, 0.5), p99Ms: percentile(times, 0.99), samples: times.length });
    }

    const latencies: number[] = [];
    const key = a.key('api', 'cross-instance');
    for (let i = 0; i < 300; i++) {
      await a.set(key, i, { tags: ['cross'] });
      if ((await b.get(key)) !== i) throw new Error('instance b did not read the value');
      const started = performance.now();
      await a.invalidateTags(['cross']);
      while ((await b.get(key)) !== undefined) await new Promise((resolve) => setImmediate(resolve));
      latencies.push(performance.now() - started);
    }
    latencies.sort((x, y) => x - y);
    rows.push({ name: 'invalidation seen by the other instance (from the INCR call)', p50Ms: percentile(latencies, 0.5), p99Ms: percentile(latencies, 0.99), samples: latencies.length });
  } finally {
    await caches.close();
  }
  const api = await acrossApiProcesses();
  rows.push(...api.rows);
  const date = new Date().toISOString();
  const machine = { nproc: cpus().length, node: process.version };
  console.log(`tag-invalidation (${date}, nproc ${machine.nproc}, node ${machine.node})\n| measure | p50 ms | p99 ms | samples |\n|---|---:|---:|---:|`);
  for (const r of rows) console.log(`| ${r.name} | ${r.p50Ms.toFixed(3)} | ${r.p99Ms.toFixed(3)} | ${r.samples} |`);
  console.log(`B answered the old version ${api.oldReadsPerWrite.toFixed(2)} times per write, on average, after A's PATCH had returned.`);
  writeFileSync(join(import.meta.dirname, '../../bench/results/tag-invalidation.json'), `${JSON.stringify({ scenario: 'tag-invalidation', date, machine, rows, oldReadsPerWrite: api.oldReadsPerWrite }, null, 2)}\n`);
}

/**
 * Two API processes sharing Postgres and Redis (a small database of their own). Each round:
 * B serves the contract from its L1 (X-Cache: HIT), A answers a PATCH of it, then B is read
 * until it returns the new version. Timed from the PATCH's response, and from its request.
 */
async function acrossApiProcesses(): Promise<{ rows: Row[]; oldReadsPerWrite: number }> {
  const url = process.env.BENCH_TAGS_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hotpath_bench_tags';
  await migrate({ url, poolSize: 1, maxOverflow: 0, acquireTimeoutMs: 5000, idleTimeoutMs: 1000, statementTimeoutMs: 60_000, slowQueryMs: 60_000 });
  await generateData({ url, contracts: 1000, seed: 7, reset: true });
  const client = new Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ id: string }>('SELECT id FROM contracts ORDER BY id LIMIT 1');
  await client.end();
  const id = rows[0].id;
  // Writes need credentials: the break-glass admin token is the one that needs no key in the database.
  const adminToken = `bench-admin-token-${process.pid}-0123456789`;
  const env = { ADMIN_TOKEN: adminToken, DATABASE_URL: url, REDIS_KEY_PREFIX: `hotpath-bench-tags-api:${process.pid}`, LOG_LEVEL: 'warn', MAX_WORKERS: '1', CACHE_WARM_ON_START: 'false', PROCESS_ROLE: 'api', RATE_LIMIT_ENABLED: 'false' };
  const [a, b] = await Promise.all([startServer(join(DIST, 'src/main.js'), env, '/health/ready'), startServer(join(DIST, 'src/main.js'), env, '/health/ready')]);
  const fromResponse: number[] = [];
  const fromRequest: number[] = [];
  let oldReads = 0;
  try {
    const read = async (base: string) => {
      const response = await fetch(`${base}/contracts/${id}`);
      return { cache: response.headers.get('x-cache'), body: (await response.json()) as { version: number; amountCents: number } };
    };
    for (let i = 0; i < ROUNDS; i++) {
      let current = await read(b.baseUrl);
      while (current.cache !== 'HIT') current = await read(b.baseUrl);
      const requested = performance.now();
      const patch = await fetch(`${a.baseUrl}/contracts/${id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
        body: JSON.stringify({ version: current.body.version, amountCents: 100_000 + i }),
      });
      if (patch.status !== 200) throw new Error(`PATCH answered ${patch.status}: ${await patch.text()}`);
      const { version } = (await patch.json()) as { version: number };
      const answered = performance.now();
      while ((await read(b.baseUrl)).body.version !== version) oldReads++;
      const seen = performance.now();
      fromResponse.push(seen - answered);
      fromRequest.push(seen - requested);
    }
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
  const row = (name: string, samples: number[]) => {
    samples.sort((x, y) => x - y);
    return { name, p50Ms: percentile(samples, 0.5), p99Ms: percentile(samples, 0.99), samples: samples.length };
  };
  const result = [
    row('2 API processes: new version served by B, from the PATCH response on A (includes one GET)', fromResponse),
    row('2 API processes: new version served by B, from the PATCH request on A', fromRequest),
  ];
  return { rows: result, oldReadsPerWrite: oldReads / ROUNDS };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
