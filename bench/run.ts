import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { prepareBenchDatabase, sampleIds } from './lib/bench-db.js';
import { defaultGenerator, type LoadGenerator, runLoad } from './lib/load.js';
import { cpuSecondsOf, type Server, startServer } from './lib/processes.js';
import { CEILING_PREFIX, formatTable, medianRow, type Row, withRatios } from './lib/stats.js';
import { SCENARIOS, scenarioByName, type Scenario } from './scenarios.js';

const USAGE = `usage: npm run bench -- <${SCENARIOS.map((s) => s.name).join('|')}|all> [--duration 10] [--warmup 3] [--connections 50] [--rounds 3] [--contracts 1000000] [--seed 42] [--loader wrk|autocannon]`;
const DIST = join(import.meta.dirname, '..');

/** The API processes every scenario measures: the environment each adds to the bench's. */
const API_VARIANTS = {
  uncached: { CACHE_ENABLED: 'false' },
  cached: {},
  // The same warm L1, with every hit routed through Fastify (the pre-router off).
  routed: { CACHE_PRE_ROUTER: 'false' },
  // One L1 entry for 1,000+ paths: every request misses L1 and is answered from Redis (L2).
  l2Only: { CACHE_L1_MAX_ITEMS: '1' },
  // The same, every hit routed through Fastify: what a fresh process pays for the first request of each URL.
  l2Routed: { CACHE_L1_MAX_ITEMS: '1', CACHE_PRE_ROUTER: 'false' },
  // The warm L1 without the rate limiter and the security headers: what those cost a hit.
  unguarded: { RATE_LIMIT_ENABLED: 'false', SECURITY_HEADERS: 'false' },
} as const;
type ApiName = keyof typeof API_VARIANTS;
type Apps = Record<ApiName, Server>;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '3' },
      connections: { type: 'string', default: '50' },
      rounds: { type: 'string', default: '3' },
      contracts: { type: 'string', default: '1000000' },
      seed: { type: 'string', default: '42' },
      loader: { type: 'string' },
    },
  });
  const names = positionals.length === 0 || positionals.includes('all') ? SCENARIOS.map((s) => s.name) : positionals;
  const scenarios = names.map((name) => scenarioByName(name) ?? fail(`unknown scenario "${name}"`));
  const [duration, warmup, connections, contracts, seed, rounds] = [values.duration, values.warmup, values.connections, values.contracts, values.seed, values.rounds].map((v, i) => {
    const n = Number(v);
    return Number.isInteger(n) && n >= (i === 1 ? 0 : 1) ? n : fail(`bad number "${v}"`);
  });

  const generator = (values.loader ?? defaultGenerator()) as LoadGenerator;
  if (generator !== 'wrk' && generator !== 'autocannon') fail(`unknown loader "${generator}"`);

  const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hotpath_bench';
  await prepareBenchDatabase(databaseUrl, contracts, seed);
  const samples = await sampleIds(databaseUrl, 1000);
  // The API role only, as `npm start` runs it: the worker role's relay, consumers and jobs are not what is measured.
  // Rate limits on, as in production, with a budget the one client address of the load never exhausts.
  const appEnv = { DATABASE_URL: databaseUrl, REDIS_KEY_PREFIX: `hotpath-bench:${process.pid}`, LOG_LEVEL: 'warn', MAX_WORKERS: '1', PROCESS_ROLE: 'api', RATE_LIMIT_ANONYMOUS_RPS: '1000000', RATE_LIMIT_ANONYMOUS_BURST: '10000000' };
  const machine = { nproc: cpus().length, node: process.version, loader: generator };
  const apps: Partial<Apps> = {};
  try {
    for (const [name, env] of Object.entries(API_VARIANTS) as [ApiName, Record<string, string>][]) apps[name] = await startServer(join(DIST, 'src/main.js'), { ...appEnv, ...env }, '/health/ready');
    for (const scenario of scenarios) await runScenario(scenario, apps as Apps, scenario.paths(samples), { duration, warmup, connections, rounds, generator }, machine);
  } finally {
    await Promise.all(Object.values(apps).map((server) => server.stop()));
  }
}

async function runScenario(
  scenario: Scenario,
  apps: Apps,
  paths: string[],
  opts: { duration: number; warmup: number; connections: number; rounds: number; generator: LoadGenerator },
  machine: { nproc: number; node: string; loader: LoadGenerator },
): Promise<void> {
  console.error(`\nbench: ${scenario.name} — ${scenario.description} (${paths.length} paths, ${opts.generator}, ${opts.connections} connections, ${opts.rounds} rounds of ${opts.duration} s each after ${opts.warmup} s warm-up)`);
  const payloadFile = join(tmpdir(), `hotpath-bench-${scenario.name}.json`);
  writeFileSync(payloadFile, JSON.stringify(await responsesOf(apps.uncached.baseUrl, paths)));

  const rows: Row[] = [];
  const running = (server: Server) => async (): Promise<Server> => ({ ...server, stop: async () => undefined });
  const targets: { name: string; start: () => Promise<Server> }[] = [
    { name: `${CEILING_PREFIX}bare fastify`, start: () => startServer(join(DIST, 'bench/ceilings/fastify-ceiling.js'), {}, '/ready', [payloadFile]) },
    { name: `${CEILING_PREFIX}bare nest+fastify`, start: () => startServer(join(DIST, 'bench/ceilings/nest-ceiling.js'), {}, '/ready', [payloadFile]) },
    ...(['fastify', 'express'] as const).flatMap((platform) =>
      (['memory', 'redis'] as const).map((store) => ({
        name: `nest CacheInterceptor (${platform}, ${store})`,
        start: () => startServer(join(DIST, 'bench/ceilings/cache-interceptor-peer.js'), {}, '/ready', [payloadFile, platform, store]),
      })),
    ),
    { name: 'hotpath (uncached)', start: running(apps.uncached) },
    // The warm-up pass fills the cache, so the measured pass is served from L1.
    { name: 'hotpath (warm L1 cache)', start: running(apps.cached) },
    { name: 'hotpath (warm L1, no limiter or security headers)', start: running(apps.unguarded) },
    { name: 'hotpath (warm L1, routed by Fastify)', start: running(apps.routed) },
    { name: 'hotpath (L2 hits, L1 of one entry)', start: running(apps.l2Only) },
    { name: 'hotpath (L2 hits, routed by Fastify)', start: running(apps.l2Routed) },
  ];
  // Every target is up at once and measured in rotation, round after round: the machine's
  // speed drifts over minutes, and rotation spreads that drift over all rows alike.
  const servers: Server[] = [];
  try {
    for (const target of targets) servers.push(await target.start());
    const load = (server: Server, name: string, durationSec: number) => runLoad({ name, baseUrl: server.baseUrl, paths, connections: opts.connections, durationSec, generator: opts.generator });
    if (opts.warmup > 0) for (const server of servers) await load(server, 'warm-up', opts.warmup);
    const rounds: Row[][] = targets.map(() => []);
    for (let round = 0; round < opts.rounds; round++) {
      for (const [i, server] of servers.entries()) {
        const cpuBefore = server.pid === undefined ? undefined : cpuSecondsOf(server.pid);
        const row = await load(server, targets[i].name, opts.duration);
        const cpuAfter = server.pid === undefined ? undefined : cpuSecondsOf(server.pid);
        if (cpuBefore !== undefined && cpuAfter !== undefined && row.reqPerSec > 0) row.cpuUsPerReq = ((cpuAfter - cpuBefore) * 1e6) / (row.reqPerSec * opts.duration);
        rounds[i].push(row);
        // Each round's figure too, not only the median: drift over the run shows here.
        console.error(`  round ${round + 1} ${row.name}: ${Math.round(row.reqPerSec)} req/s${row.cpuUsPerReq === undefined ? '' : `, ${row.cpuUsPerReq.toFixed(1)} µs CPU/req`}`);
      }
    }
    rows.push(...rounds.map(medianRow));
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
  const results = withRatios(scenario.name, rows, machine);
  const dir = join(DIST, '../bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${scenario.name}.json`), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\n${scenario.name} (${results.date}, nproc ${machine.nproc}, node ${machine.node}, ${machine.loader}; app LOG_LEVEL=warn)\n${formatTable(results)}`);
}

/** Every path's real response body, for the ceilings and peers to serve. */
async function responsesOf(baseUrl: string, paths: readonly string[]): Promise<Record<string, string>> {
  const bodies: Record<string, string> = {};
  const queue = [...paths];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
        const response = await fetch(`${baseUrl}${path}`);
        if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
        bodies[path] = await response.text();
      }
    }),
  );
  return bodies;
}

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
