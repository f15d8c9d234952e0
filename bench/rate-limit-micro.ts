import { writeFileSync } from 'node:fs';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { GateRoute } from '../src/platform/http/index.js';
import { MemoryRateLimitStore, RateLimitGate, RateLimiter, type RateLimitModuleOptions, RateLimitSubjects, type RateLimitStore, RedisRateLimitStore } from '../src/platform/rate-limit/index.js';
import { createRedisConnection, deleteByPrefix } from '../src/platform/redis/index.js';
import { median } from './lib/stats.js';

/**
 * The rate limit gate's cost per request (`check`, as the Fastify hook and the pre-router call
 * it), beside a bare Map increment: a known caller, a trusted proxy's X-Forwarded-For, a keyed
 * caller, a refusal, 10,000 callers in turn, and the same with the background sync to Redis
 * running. Headers go onto one real ServerResponse, as they would per request.
 */
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const CALLERS = 10_000;
const ROUTE: GateRoute = { url: '/contracts/:id' };
const ample = { rate: 1e9, burst: 1e9 };

/** Ops per second; the event loop turns every 1,000 ops, so background syncs run in the measured time. */
async function measure(durationMs: number, op: (i: number) => void): Promise<number> {
  let done = 0;
  const started = performance.now();
  while (performance.now() - started < durationMs) {
    for (let k = 0; k < 1000; k++) op(done + k);
    done += 1000;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return done / ((performance.now() - started) / 1000);
}

function gate(store: RateLimitStore, overrides: Partial<RateLimitModuleOptions> = {}): { gate: RateLimitGate; limiter: RateLimiter } {
  const options: RateLimitModuleOptions = { enabled: true, budgets: { read: { anonymous: ample, key: ample }, write: { anonymous: ample, key: ample } }, trustProxyHops: 0, keyPrefix: 'bench', store, syncIntervalMs: 0, ...overrides };
  const limiter = new RateLimiter(options, store);
  return { gate: new RateLimitGate(options, limiter, new RateLimitSubjects(options)), limiter };
}

const request = (remoteAddress: string, headers: Record<string, string> = {}) => ({ method: 'GET', url: '/contracts/1', headers, socket: { remoteAddress } }) as unknown as IncomingMessage;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { duration: { type: 'string', default: '1000' }, rounds: { type: 'string', default: '5' } } });
  const ms = Number(values.duration);
  const rounds = Math.max(1, Number(values.rounds));
  const response = new ServerResponse(new IncomingMessage(new Socket()));
  const prefix = `hotpath-bench-rate-limit:${process.pid}`;
  const redis = createRedisConnection({ url: REDIS_URL, keyPrefix: prefix, connectTimeoutMs: 2000, commandTimeoutMs: 2000 }, 'shared');

  const known = request('203.0.113.7');
  const proxied = request('10.0.0.2', { 'x-forwarded-for': '198.51.100.23, 203.0.113.7' });
  const keyed = request('203.0.113.7', { authorization: 'Bearer x' });
  const callers = Array.from({ length: CALLERS }, (_, i) => request(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`));
  const subject = { id: 'key-0f3a', tier: 'key' as const };

  const plain = gate(new MemoryRateLimitStore());
  const behindProxy = gate(new MemoryRateLimitStore(), { trustProxyHops: 1 });
  const withKeys = gate(new MemoryRateLimitStore(), { subject: (r) => (r.headers.authorization ? subject : undefined) });
  const refusing = gate(new MemoryRateLimitStore(), { budgets: { read: { anonymous: { rate: 0.001, burst: 1 }, key: ample }, write: { anonymous: ample, key: ample } } });
  const many = gate(new MemoryRateLimitStore());
  const synced = gate(new RedisRateLimitStore(redis, prefix), { syncIntervalMs: 50 });
  synced.limiter.onModuleInit();

  const counts = new Map<string, number>();
  const subjects: [string, (i: number) => void][] = [
    ['bare Map increment (floor)', () => void counts.set('203.0.113.7', (counts.get('203.0.113.7') ?? 0) + 1)],
    [
      'the three RateLimit headers alone (ServerResponse.setHeader)',
      (i) => {
        response.setHeader('ratelimit-limit', 200);
        response.setHeader('ratelimit-remaining', i & 127);
        response.setHeader('ratelimit-reset', 2);
      },
    ],
    ['gate: one caller, socket address', () => plain.gate.check(known, response, ROUTE)],
    ['gate: one caller, X-Forwarded-For (TRUST_PROXY=1)', () => behindProxy.gate.check(proxied, response, ROUTE)],
    ['gate: one keyed caller', () => withKeys.gate.check(keyed, response, ROUTE)],
    [
      'gate: refused (429 error built and thrown)',
      () => {
        try {
          refusing.gate.check(known, response, ROUTE);
        } catch {
          // Refusals are what is measured here.
        }
      },
    ],
    [`gate: ${CALLERS.toLocaleString('en-US')} callers in turn`, (i) => many.gate.check(callers[i % CALLERS], response, ROUTE)],
    [`gate: ${CALLERS.toLocaleString('en-US')} callers in turn, syncing with Redis every 50 ms`, (i) => synced.gate.check(callers[i % CALLERS], response, ROUTE)],
  ];

  // Every subject is measured once per round, in rotation; each row is its median round.
  const figures: number[][] = subjects.map(() => []);
  for (let round = 0; round < rounds; round++) for (const [i, [, op]] of subjects.entries()) figures[i].push(await measure(ms, op));
  await synced.limiter.onModuleDestroy();
  const rows = subjects.map(([name], i) => ({ name, opsPerSec: median(figures[i]), nsPerOp: 1e9 / median(figures[i]) }));
  const date = new Date().toISOString();
  const machine = { nproc: cpus().length, node: process.version, rounds };
  console.log(`rate-limit-micro (${date}, nproc ${machine.nproc}, node ${machine.node}, ${ms} ms per row, median of ${rounds} rounds in rotation; Redis syncs: ${synced.limiter.stats.syncs}, failed ${synced.limiter.stats.failures})`);
  console.log('| operation | ops/s | ns/op |\n|---|---:|---:|');
  for (const r of rows) console.log(`| ${r.name} | ${Math.round(r.opsPerSec).toLocaleString('en-US')} | ${Math.round(r.nsPerOp)} |`);
  writeFileSync(join(import.meta.dirname, '../../bench/results/rate-limit-micro.json'), `${JSON.stringify({ scenario: 'rate-limit-micro', date, machine, rows }, null, 2)}\n`);
  await deleteByPrefix(redis, prefix);
  redis.disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
