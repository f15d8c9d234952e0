import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { prepareBenchDatabase, sampleIds } from './lib/bench-db.js';
import { runLoad } from './lib/load.js';
import { startServer } from './lib/processes.js';
import { CEILING_PREFIX, formatTable, type Row, withRatios } from './lib/stats.js';
import { SCENARIOS, scenarioByName, type Scenario } from './scenarios.js';

const USAGE = `usage: npm run bench -- <${SCENARIOS.map((s) => s.name).join('|')}|all> [--duration 10] [--warmup 3] [--connections 50] [--contracts 1000000] [--seed 42]`;
const DIST = join(import.meta.dirname, '..');

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '3' },
      connections: { type: 'string', default: '50' },
      contracts: { type: 'string', default: '1000000' },
      seed: { type: 'string', default: '42' },
    },
  });
  const names = positionals.length === 0 || positionals.includes('all') ? SCENARIOS.map((s) => s.name) : positionals;
  const scenarios = names.map((name) => scenarioByName(name) ?? fail(`unknown scenario "${name}"`));
  const [duration, warmup, connections, contracts, seed] = [values.duration, values.warmup, values.connections, values.contracts, values.seed].map((v, i) => {
    const n = Number(v);
    return Number.isInteger(n) && n >= (i === 1 ? 0 : 1) ? n : fail(`bad number "${v}"`);
  });

  const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hotpath_bench';
  await prepareBenchDatabase(databaseUrl, contracts, seed);
  const samples = await sampleIds(databaseUrl, 1000);
  const appEnv = { DATABASE_URL: databaseUrl, REDIS_KEY_PREFIX: `hotpath-bench:${process.pid}`, LOG_LEVEL: 'warn', MAX_WORKERS: '1' };
  const uncached = await startServer(join(DIST, 'src/main.js'), { ...appEnv, CACHE_ENABLED: 'false' }, '/health/ready');
  const cached = await startServer(join(DIST, 'src/main.js'), appEnv, '/health/ready');
  const machine = { nproc: cpus().length, node: process.version };
  try {
    for (const scenario of scenarios) await runScenario(scenario, { uncached: uncached.baseUrl, cached: cached.baseUrl }, scenario.paths(samples), { duration, warmup, connections }, machine);
  } finally {
    await Promise.all([uncached.stop(), cached.stop()]);
  }
}

async function runScenario(scenario: Scenario, apps: { uncached: string; cached: string }, paths: string[], opts: { duration: number; warmup: number; connections: number }, machine: { nproc: number; node: string }): Promise<void> {
  console.error(`\nbench: ${scenario.name} — ${scenario.description} (${paths.length} paths, ${opts.connections} connections, ${opts.duration} s each after ${opts.warmup} s warm-up)`);
  const sample = await fetch(`${apps.uncached}${paths[0]}`);
  if (!sample.ok) throw new Error(`${paths[0]} answered ${sample.status}: ${await sample.text()}`);
  const payloadFile = join(tmpdir(), `hotpath-bench-${scenario.name}.json`);
  writeFileSync(payloadFile, await sample.text());

  const rows: Row[] = [];
  const targets: { name: string; start: () => Promise<{ baseUrl: string; stop(): Promise<void> }> }[] = [
    { name: `${CEILING_PREFIX}bare fastify`, start: () => startServer(join(DIST, 'bench/ceilings/fastify-ceiling.js'), {}, '/ready', [payloadFile]) },
    { name: `${CEILING_PREFIX}bare nest+fastify`, start: () => startServer(join(DIST, 'bench/ceilings/nest-ceiling.js'), {}, '/ready', [payloadFile]) },
    ...(['fastify', 'express'] as const).flatMap((platform) =>
      (['memory', 'redis'] as const).map((store) => ({
        name: `nest CacheInterceptor (${platform}, ${store})`,
        start: () => startServer(join(DIST, 'bench/ceilings/cache-interceptor-peer.js'), {}, '/ready', [payloadFile, platform, store]),
      })),
    ),
    { name: 'hotpath (uncached)', start: async () => ({ baseUrl: apps.uncached, stop: async () => undefined }) },
    // The warm-up pass fills the cache, so the measured pass is served from L1.
    { name: 'hotpath (warm L1 cache)', start: async () => ({ baseUrl: apps.cached, stop: async () => undefined }) },
  ];
  for (const target of targets) {
    const server = await target.start();
    try {
      if (opts.warmup > 0) await runLoad({ name: 'warm-up', baseUrl: server.baseUrl, paths, connections: opts.connections, durationSec: opts.warmup });
      rows.push(await runLoad({ name: target.name, baseUrl: server.baseUrl, paths, connections: opts.connections, durationSec: opts.duration }));
    } finally {
      await server.stop();
    }
  }
  const results = withRatios(scenario.name, rows, machine);
  const dir = join(DIST, '../bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${scenario.name}.json`), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\n${scenario.name} (${results.date}, nproc ${machine.nproc}, node ${machine.node}; app LOG_LEVEL=warn)\n${formatTable(results)}`);
}

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
