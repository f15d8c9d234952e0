import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import KeyvRedis from '@keyv/redis';
import { BentoCache, bentostore } from 'bentocache';
import { memoryDriver } from 'bentocache/drivers/memory';
import { redisDriver } from 'bentocache/drivers/redis';
import { createCache } from 'cache-manager';
import { Redis } from 'ioredis';
import { Keyv } from 'keyv';
import { LRUCache } from 'lru-cache';
import { TieredCache } from '../src/platform/cache/index.js';
import { deleteByPrefix } from '../src/platform/redis/index.js';
import { RedisCacheBus } from '../src/platform/cache/stores/redis-cache-bus.js';
import { RedisL2Store } from '../src/platform/cache/stores/redis-l2-store.js';
import { median } from './lib/stats.js';

/**
 * Cache operations per second, Hotpath beside its peers in one run: bentocache (memory+redis),
 * cache-manager 7 (Keyv memory and Keyv redis), and the floors lru-cache and raw ioredis.
 * The value is a ~2 KB JSON object, like a contract with metadata.
 */
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const KEYS = 1000;
const value = { id: 'c0ffee00-0000-4000-8000-000000000000', items: Array.from({ length: 12 }, (_, i) => ({ i, name: `item ${i}`, amountCents: 123456 + i, tags: ['a', 'b', 'c'] })) };

async function measure(durationMs: number, inFlight: number, op: (i: number) => unknown): Promise<number> {
  let done = 0;
  const deadline = performance.now() + durationMs;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async (_, worker) => {
      for (let i = worker; performance.now() < deadline; i += inFlight) {
        // Checking the clock every op would dominate the L1 figures: batches of 100.
        for (let k = 0; k < 100; k++) await op(i * 100 + k);
        done += 100;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

function measureSync(durationMs: number, op: (i: number) => unknown): number {
  let done = 0;
  const started = performance.now();
  while (performance.now() - started < durationMs) {
    for (let k = 0; k < 1000; k++) op(done + k);
    done += 1000;
  }
  return done / ((performance.now() - started) / 1000);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { duration: { type: 'string', default: '1000' }, rounds: { type: 'string', default: '3' } } });
  const ms = Number(values.duration);
  const rounds = Math.max(1, Number(values.rounds));
  const prefix = `hotpath-bench-micro:${process.pid}`;
  const connections: Redis[] = [];
  const redis = (autoPipelining: boolean) => {
    const c = new Redis(REDIS_URL, { enableAutoPipelining: autoPipelining });
    connections.push(c);
    return c;
  };
  const tiered = (l1MaxItems: number) => {
    const shared = redis(true);
    const cache = new TieredCache(
      { keyPrefix: `${prefix}:c`, defaultTtlSeconds: 600, namespaceTtlSeconds: {}, l1MaxItems, l1MaxBytes: 256 * 1024 * 1024, earlyRefreshBeta: 1, graceSeconds: 60, softTimeoutMs: 1000, lockTtlMs: 5000 },
      new RedisL2Store(shared, `${prefix}:t:`),
      new RedisCacheBus(shared, redis(false), `${prefix}:bus`),
    );
    cache.listen();
    return cache;
  };
  const redisConnection = { host: new URL(REDIS_URL).hostname, port: Number(new URL(REDIS_URL).port || 6379) };
  const hp = tiered(100_000);
  const hpL2 = tiered(1); // every read misses L1: measures the Redis tier
  const bento = new BentoCache({ default: 'multi', stores: { multi: bentostore().useL1Layer(memoryDriver({ maxSize: '200mb' })).useL2Layer(redisDriver({ connection: { ...redisConnection, keyPrefix: `${prefix}:bento:` } })) } });
  const bentoRaw = new BentoCache({ default: 'm', stores: { m: bentostore().useL1Layer(memoryDriver({ serialize: false })) } });
  const bentoL2 = new BentoCache({ default: 'r', stores: { r: bentostore().useL2Layer(redisDriver({ connection: { ...redisConnection, keyPrefix: `${prefix}:bento2:` } })) } });
  const cmMemory = createCache();
  const cmRedis = createCache({ stores: [new Keyv({ store: new KeyvRedis(REDIS_URL), namespace: `${prefix}:cm` })] });
  const lru = new LRUCache<string, object>({ max: 100_000 });
  const raw = redis(true);
  const rawSerial = redis(false);

  // Keys are built once, for every subject alike: the measured op is the lookup, not hashing.
  const plainKeys = Array.from({ length: KEYS }, (_, i) => `k${i}`);
  const hpKeys = plainKeys.map((key) => hp.key('api', key));
  const k = (i: number) => plainKeys[i % KEYS];
  const hpKey = (i: number) => hpKeys[i % KEYS];
  for (let i = 0; i < KEYS; i++) {
    await hp.set(hpKey(i), value);
    await hpL2.set(hpKey(i), value);
    await bento.set({ key: k(i), value });
    await bentoRaw.set({ key: k(i), value });
    await bentoL2.set({ key: k(i), value });
    await cmMemory.set(k(i), value);
    await cmRedis.set(k(i), value);
    lru.set(k(i), value);
    await raw.set(`${prefix}:raw:${k(i)}`, JSON.stringify(value));
  }

  const rows: { name: string; opsPerSec: number }[] = [];
  const run = async (name: string, inFlight: number, op: (i: number) => unknown) => rows.push({ name, opsPerSec: await measure(ms, inFlight, op) });
  await run('hotpath L1 hit', 1, (i) => hp.get(hpKey(i)));
  await run('bentocache L1 hit', 1, (i) => bento.get({ key: k(i) }));
  await run('bentocache L1 hit (serialize off)', 1, (i) => bentoRaw.get({ key: k(i) }));
  await run('cache-manager 7 memory hit', 1, (i) => cmMemory.get(k(i)));
  rows.push({ name: 'lru-cache get (sync floor)', opsPerSec: measureSync(ms, (i) => lru.get(k(i))) });
  await run('hotpath getOrSet hit', 1, (i) => hp.getOrSet(hpKey(i), async () => value));
  await run('bentocache getOrSet hit', 1, (i) => bento.getOrSet({ key: k(i), factory: () => value }));
  await run('cache-manager 7 wrap hit', 1, (i) => cmMemory.wrap(k(i), async () => value));
  // The Redis rows wander with the machine's latency: peers are measured in rotation, round
  // after round, and each row is its median round.
  type Subject = [name: string, inFlight: number, op: (i: number) => unknown];
  const inRotation = async (subjects: Subject[]) => {
    const figures = subjects.map((): number[] => []);
    for (let round = 0; round < rounds; round++) for (const [i, [, inFlight, op]] of subjects.entries()) figures[i].push(await measure(ms, inFlight, op));
    subjects.forEach(([name], i) => rows.push({ name, opsPerSec: median(figures[i]) }));
  };
  await inRotation([
    ['hotpath L2 hit, serial', 1, (i) => hpL2.get(hpKey(i))],
    ['bentocache L2 hit, serial', 1, (i) => bentoL2.get({ key: k(i) })],
    ['cache-manager 7 redis hit, serial', 1, (i) => cmRedis.get(k(i))],
    ['raw ioredis GET + JSON.parse, serial', 1, async (i) => JSON.parse((await rawSerial.get(`${prefix}:raw:${k(i)}`)) as string)],
  ]);
  await inRotation([
    ['hotpath L2 hit, 100 in flight', 100, (i) => hpL2.get(hpKey(i))],
    ['bentocache L2 hit, 100 in flight', 100, (i) => bentoL2.get({ key: k(i) })],
    ['raw ioredis GET + JSON.parse, 100 in flight (auto-pipelined)', 100, async (i) => JSON.parse((await raw.get(`${prefix}:raw:${k(i)}`)) as string)],
  ]);
  await run('hotpath set', 1, (i) => hp.set(hpKey(i), value));
  await run('bentocache set', 1, (i) => bento.set({ key: k(i), value }));
  await run('cache-manager 7 memory set', 1, (i) => cmMemory.set(k(i), value));

  const date = new Date().toISOString();
  const machine = { nproc: cpus().length, node: process.version, rounds };
  const ops = Object.fromEntries(rows.map((r) => [r.name, r.opsPerSec]));
  const ratios = {
    'hotpath L1 hit / bentocache L1 hit (serialize off)': ops['hotpath L1 hit'] / ops['bentocache L1 hit (serialize off)'],
    'hotpath L2 hit / raw GET + parse, serial': ops['hotpath L2 hit, serial'] / ops['raw ioredis GET + JSON.parse, serial'],
    'hotpath L2 hit / raw auto-pipelined GET + parse, 100 in flight': ops['hotpath L2 hit, 100 in flight'] / ops['raw ioredis GET + JSON.parse, 100 in flight (auto-pipelined)'],
  };
  console.log(`cache-micro (${date}, nproc ${machine.nproc}, node ${machine.node}, ${ms} ms per row; L2 rows: median of ${rounds} rounds in rotation)`);
  console.log('| operation | ops/s |\n|---|---:|');
  for (const r of rows) console.log(`| ${r.name} | ${Math.round(r.opsPerSec).toLocaleString('en-US')} |`);
  for (const [name, ratio] of Object.entries(ratios)) console.log(`${name}: ${ratio.toFixed(2)}x`);
  writeFileSync(join(import.meta.dirname, '../../bench/results/cache-micro.json'), `${JSON.stringify({ scenario: 'cache-micro', date, machine, rows, ratios }, null, 2)}\n`);

  await deleteByPrefix(raw, prefix);
  await Promise.all([hp.close(), hpL2.close(), bento.disconnectAll(), bentoRaw.disconnectAll(), bentoL2.disconnectAll(), cmMemory.disconnect(), cmRedis.disconnect()]);
  for (const c of connections) c.disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
