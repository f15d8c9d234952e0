import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { RateLimitModuleOptions } from './rate-limit.options.js';
import { RateLimiter } from './rate-limiter.js';
import { MemoryRateLimitStore } from './stores/memory-rate-limit-store.js';

const limits = { anonymous: { rate: 100, burst: 200 }, key: { rate: 1000, burst: 2000 } };

function limiter(store: MemoryRateLimitStore, clock: () => number): RateLimiter {
  const options: RateLimitModuleOptions = { enabled: true, budgets: { read: limits, write: limits }, trustProxyHops: 0, keyPrefix: 'test', store, syncIntervalMs: 0, clock };
  return new RateLimiter(options, store);
}

/**
 * Two instances sharing one store, on fake timers (their periodic syncs 25 ms out of step, early
 * syncs included), driven 1 ms at a time with `perMs` requests on each; returns what was admitted.
 */
async function flood(perMs: [number, number], durationMs: number): Promise<number> {
  jest.useFakeTimers({ now: 1_000_000 });
  try {
    const store = new MemoryRateLimitStore();
    const options: RateLimitModuleOptions = { enabled: true, budgets: { read: limits, write: limits }, trustProxyHops: 0, keyPrefix: 'test', store, syncIntervalMs: 50 };
    const instances = [new RateLimiter(options, store), new RateLimiter(options, store)];
    instances[0].onModuleInit();
    await jest.advanceTimersByTimeAsync(25);
    instances[1].onModuleInit();
    let admitted = 0;
    for (let ms = 0; ms < durationMs; ms++) {
      for (let i = 0; i < 2; i++) for (let r = 0; r < perMs[i]; r++) if (instances[i].table('read', 'anonymous')!.take('203.0.113.7', Date.now()).admitted) admitted++;
      await jest.advanceTimersByTimeAsync(1);
    }
    await Promise.all(instances.map((instance) => instance.onModuleDestroy()));
    return admitted;
  } finally {
    jest.useRealTimers();
  }
}

const withinTenPercent = (admitted: number, limit: number) => expect(Math.abs(admitted - limit) / limit).toBeLessThan(0.1);

describe('RateLimiter', () => {
  it('shares one budget between two instances: what a flood gets is within 10% of burst + rate x time', async () => {
    // 3 requests per ms on each instance: 6,000/s against 100/s with a burst of 200.
    withinTenPercent(await flood([3, 3], 200), 200 + 100 * 0.2);
    withinTenPercent(await flood([3, 3], 1000), 200 + 100 * 1);
    withinTenPercent(await flood([3, 3], 10_000), 200 + 100 * 10);
  });

  it('stays within 10% when one instance takes most of the traffic', async () => {
    withinTenPercent(await flood([20, 1], 1000), 200 + 100 * 1);
  });

  it('admits the full rate when the traffic is just below it, whichever instance serves it', async () => {
    // 45 requests in the first 45 ms of each second on each instance: 90/s in all, under the 100/s rate.
    const store = new MemoryRateLimitStore();
    let now = 0;
    const instances = [limiter(store, () => now), limiter(store, () => now)];
    let refused = 0;
    for (let ms = 0; ms < 10_000; ms++, now++) {
      for (let i = 0; i < 2; i++) {
        if (ms % 1000 < 45 && !instances[i].table('read', 'anonymous')!.take('a', now).admitted) refused++;
        if (ms % 50 === 0) await instances[i].sync();
      }
    }
    expect(refused).toBe(0);
  });

  it('keeps limiting per instance while the store is away, logging once, and once when it is back', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const store = new MemoryRateLimitStore();
    let now = 0;
    const one = limiter(store, () => now);
    const table = one.table('read', 'anonymous')!;
    store.failing = true;
    let admitted = 0;
    for (let ms = 0; ms < 1000; ms++, now++) {
      for (let r = 0; r < 5; r++) if (table.take('a', now).admitted) admitted++;
      if (ms % 50 === 0) await one.sync();
    }
    expect(one.shared).toBe(false);
    expect(admitted).toBeGreaterThanOrEqual(295);
    expect(admitted).toBeLessThanOrEqual(301);
    expect(warn).toHaveBeenCalledTimes(1);
    store.failing = false;
    table.take('a', now);
    await one.sync();
    table.take('a', now);
    await one.sync();
    expect(one.shared).toBe(true);
    expect(log).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
    log.mockRestore();
  });

  it('keys and anonymous callers draw on separate tables, budgets on separate buckets', () => {
    const one = limiter(new MemoryRateLimitStore(), () => 0);
    expect(one.table('read', 'key')!.limit).toEqual({ rate: 1000, burst: 2000 });
    expect(one.table('read', 'anonymous')!.limit).toEqual({ rate: 100, burst: 200 });
    expect(one.table('investigations', 'anonymous')).toBeUndefined();
    one.table('read', 'anonymous')!.take('a', 0);
    expect(one.table('write', 'anonymous')!.take('a', 0).tokens).toBe(199);
    expect(one.size).toBe(2);
  });

  it('forgets idle callers at a sync once their buckets are full again', async () => {
    const store = new MemoryRateLimitStore();
    let now = 0;
    const one = limiter(store, () => now);
    for (let i = 0; i < 500; i++) one.table('read', 'anonymous')!.take(`198.51.100.${i}`, now);
    await one.sync();
    expect(one.size).toBe(500);
    now += 10;
    await one.sync();
    expect(one.size).toBe(500);
    now += 2000;
    await one.sync();
    expect(one.size).toBe(0);
  });
});
