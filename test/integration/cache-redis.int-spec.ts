import { jest } from '@jest/globals';
import { Redis } from 'ioredis';
import { createRedisConnection, deleteByPrefix } from '../../src/platform/redis/index.js';
import { RedisCacheBus } from '../../src/platform/cache/stores/redis-cache-bus.js';
import { RedisL2Store } from '../../src/platform/cache/stores/redis-l2-store.js';
import { TieredCache } from '../../src/platform/cache/index.js';
import { testKeyPrefix } from '../support/test-database.js';
import { connectionReady } from '../support/wait-for.js';

const REDIS = { url: 'redis://127.0.0.1:6379/0', connectTimeoutMs: 2000, commandTimeoutMs: 2000 };

/** Two cache instances over the real Redis, as two API processes would have. */
describe('tiered cache over Redis', () => {
  const prefix = testKeyPrefix('cache');
  const connections: Redis[] = [];
  const instances: TieredCache[] = [];

  function instance(): TieredCache {
    const shared = createRedisConnection({ ...REDIS, keyPrefix: prefix }, 'shared');
    const subscriber = createRedisConnection({ ...REDIS, keyPrefix: prefix }, 'subscriber');
    connections.push(shared);
    const cache = new TieredCache(
      { keyPrefix: `${prefix}:c`, defaultTtlSeconds: 60, namespaceTtlSeconds: {}, l1MaxItems: 1000, l1MaxBytes: 10_000_000, earlyRefreshBeta: 1, graceSeconds: 10, softTimeoutMs: 500, lockTtlMs: 3000 },
      new RedisL2Store(shared, `${prefix}:t:`),
      new RedisCacheBus(shared, subscriber, `${prefix}:bus`),
    );
    cache.listen();
    instances.push(cache);
    return cache;
  }

  afterAll(async () => {
    for (const cache of instances) await cache.close();
    await deleteByPrefix(connections[0], prefix);
    for (const connection of connections) connection.disconnect();
  });

  it('runs one loader for 1,000 concurrent callers spread over two instances', async () => {
    const [a, b] = [instance(), instance()];
    await new Promise((resolve) => setTimeout(resolve, 100));
    let runs = 0;
    const loader = async () => {
      runs++;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { cold: true };
    };
    const key = a.key('compute', 'cold-key');
    const results = await Promise.all(Array.from({ length: 1000 }, (_, i) => (i % 2 ? a : b).getOrSet(key, loader, { namespace: 'compute' })));
    expect(runs).toBe(1);
    expect(results.every((r) => r.cold)).toBe(true);
    expect(a.stats.lockWaits + b.stats.lockWaits).toBe(1);
  });

  it('tells the other instance of an invalidation over the bus', async () => {
    const [a, b] = [instance(), instance()];
    await new Promise((resolve) => setTimeout(resolve, 100));
    const key = a.key('api', 'tagged');
    await a.set(key, 'v1', { tags: ['agency:9'] });
    expect(await b.get(key)).toBe('v1');
    const started = performance.now();
    await a.invalidateTags(['agency:9']);
    while ((await b.get(key)) !== undefined && performance.now() - started < 1000) await new Promise((resolve) => setTimeout(resolve, 1));
    expect(await b.get(key)).toBeUndefined();
  });

  it('announces a bump on the bus with the new versions, from the same script as the bump', async () => {
    const a = instance();
    const listener = createRedisConnection({ ...REDIS, keyPrefix: prefix }, 'subscriber');
    connections.push(listener);
    const messages: unknown[] = [];
    const twoHeard = new Promise<void>((resolve) =>
      listener.on('message', (_channel: string, text: string) => {
        messages.push(JSON.parse(text));
        if (messages.length === 2) resolve();
      }),
    );
    await listener.subscribe(`${prefix}:bus`);
    await a.invalidateTags(['supplier:3', 'agency:3']);
    await a.invalidateTags(['agency:3']);
    await twoHeard;
    expect(messages).toEqual([
      { from: expect.any(String), tags: { 'supplier:3': 1, 'agency:3': 1 } },
      { from: expect.any(String), tags: { 'agency:3': 2 } },
    ]);
    expect(await connections[0].get(`${prefix}:t:agency:3`)).toBe('2');
  });

  it('sends a bump at once, ahead of the reads waiting in the auto-pipeline', async () => {
    const a = instance();
    const shared = connections.at(-1) as Redis;
    await connectionReady(shared);
    const read = shared.get(`${prefix}:pipelined`);
    expect(shared.autoPipelineQueueSize).toBe(1);
    const bump = a.invalidateTags(['agency:11']);
    // The bump's script went to the socket: the auto-pipeline still holds only the read.
    expect(shared.autoPipelineQueueSize).toBe(1);
    await Promise.all([read, bump]);
    expect(await shared.get(`${prefix}:t:agency:11`)).toBe('1');
  });

  it('invalidates a tag carried by 2,000 keys with one version bump and touches no entry', async () => {
    const a = instance();
    for (let i = 0; i < 2000; i++) await a.set(a.key('api', i), i, { tags: ['contracts:list'] });
    const entryBefore = await connections[0].get(a.key('api', 1));
    await a.invalidateTags(['contracts:list']);
    expect(await connections[0].get(`${prefix}:t:contracts:list`)).toBe('1');
    // The entries themselves are untouched in Redis; they fail the version check on read.
    expect(await connections[0].get(a.key('api', 1))).toBe(entryBefore);
    expect(await a.get(a.key('api', 1))).toBeUndefined();
    expect(await a.get(a.key('api', 1999))).toBeUndefined();
  });
});

describe('L2 reads of one tick', () => {
  const prefix = testKeyPrefix('batch');
  const plain = new Redis('redis://127.0.0.1:6379/0');
  const prefixed = new Redis('redis://127.0.0.1:6379/0', { keyPrefix: `${prefix}:p:`, enableAutoPipelining: true });

  afterAll(async () => {
    await plain.unlink(...Array.from({ length: 50 }, (_, i) => `${prefix}:k${i}`), `${prefix}:p:one`, `${prefix}:p:two`);
    plain.disconnect();
    prefixed.disconnect();
  });

  it('leave as one MGET, each caller getting its own value or undefined', async () => {
    const store = new RedisL2Store(plain, `${prefix}:t:`);
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.set(`${prefix}:k${i}`, `v${i}`, 60_000)));
    const sent = jest.spyOn(plain, 'sendCommand');
    const keys = [...Array.from({ length: 50 }, (_, i) => `${prefix}:k${i}`), `${prefix}:missing`];
    const values = await Promise.all(keys.map((key) => store.get(key)));
    expect(values).toEqual([...Array.from({ length: 50 }, (_, i) => `v${i}`), undefined]);
    expect(sent.mock.calls.map(([command]) => command.name)).toEqual(['mget']);
    sent.mockClear();
    expect(await store.get(`${prefix}:k7`)).toBe('v7');
    expect(sent.mock.calls.map(([command]) => command.name)).toEqual(['get']);
    sent.mockRestore();
  });

  it('honour the connection key prefix, as ioredis commands do', async () => {
    const store = new RedisL2Store(prefixed, `${prefix}:t:`);
    await prefixed.set('one', 'uno');
    await plain.set(`${prefix}:p:two`, 'dos');
    expect(await Promise.all([store.get('one'), store.get('two')])).toEqual(['uno', 'dos']);
    expect(await store.get('one')).toBe('uno');
  });
});
