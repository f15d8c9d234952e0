import { MemoryCacheBus } from './stores/cache-bus.js';
import { MemoryL2Store } from './stores/memory-l2-store.js';
import { TieredCache, type TieredCacheSettings } from './tiered-cache.js';

const settings: TieredCacheSettings = { keyPrefix: 't:c', defaultTtlSeconds: 60, namespaceTtlSeconds: { api: 300, db: 600 }, l1MaxItems: 100, l1MaxBytes: 1_000_000, earlyRefreshBeta: 1, graceSeconds: 30, softTimeoutMs: 50, lockTtlMs: 500 };

function build(l2 = new MemoryL2Store(), bus = new MemoryCacheBus(), overrides: Partial<TieredCacheSettings> = {}) {
  const cache = new TieredCache({ ...settings, ...overrides }, l2, bus);
  cache.listen();
  return { cache, l2, bus };
}

describe('TieredCache', () => {
  it('reads L1, then L2 (promoting to L1), then the loader', async () => {
    const { cache, l2 } = build();
    await cache.set('k', { n: 1 });
    expect(await cache.get('k')).toEqual({ n: 1 });
    expect(cache.stats.hits.api).toEqual({ l1: 1, l2: 0 });

    const other = build(l2).cache;
    expect(await other.get('k')).toEqual({ n: 1 });
    expect(await other.get('k')).toEqual({ n: 1 });
    expect(other.stats.hits.api).toEqual({ l1: 1, l2: 1 });
  });

  it('reads and writes many keys at once across tiers', async () => {
    const l2 = new MemoryL2Store();
    const { cache } = build(l2);
    await cache.setMany<unknown>([{ key: 'a', value: 1 }, { key: 'b', value: { x: 2 } }]);
    await cache.set('c', 3);
    expect(await cache.getMany(['a', 'b', 'missing', 'c'])).toEqual([1, { x: 2 }, undefined, 3]);
    const other = build(l2).cache;
    expect(await other.getMany(['c', 'a'])).toEqual([3, 1]);
    expect(other.stats.hits.api).toEqual({ l1: 0, l2: 2 });
  });

  it('runs one loader for many concurrent callers of a key', async () => {
    const { cache } = build();
    let runs = 0;
    const loader = async () => {
      runs++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { v: 42 };
    };
    const results = await Promise.all(Array.from({ length: 100 }, () => cache.getOrSet('hot', loader)));
    expect(runs).toBe(1);
    expect(results.every((r) => r.v === 42)).toBe(true);
    expect(await cache.getOrSet('hot', loader)).toEqual({ v: 42 });
    expect(runs).toBe(1);
  });

  it('answers a claim with the value another instance landed after this one missed, instead of loading twice', async () => {
    const l2 = new MemoryL2Store();
    const bus = new MemoryCacheBus();
    const first = build(l2, bus).cache;
    const second = build(l2, bus).cache;
    // The second instance has just missed; the first loads, lands and frees the lock before it claims.
    expect(await second.lookup('cold')).toBeUndefined();
    await first.getOrSet('cold', () => Promise.resolve({ v: 1 }));
    const claim = await second.claim('cold');
    expect(claim.kind).toBe('landed');
    expect(claim.kind === 'landed' && claim.entry.raw).toBe('{"v":1}');
    // Its lock was given back: a later miss elsewhere can take it.
    expect(await second.tryLock('cold')).toEqual(expect.any(String));
  });

  it('forgets a failed load so the next caller retries', async () => {
    const { cache } = build();
    await expect(cache.getOrSet('k', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await cache.getOrSet('k', async () => 'ok')).toBe('ok');
  });

  it('expires entries after the namespace TTL', async () => {
    const { cache } = build();
    const realNow = Date.now;
    try {
      await cache.set('k', 1, { namespace: 'api' });
      Date.now = () => realNow() + 299_000;
      expect(await cache.get('k')).toBe(1);
      Date.now = () => realNow() + 301_000;
      expect(await cache.get('k')).toBeUndefined();
    } finally {
      Date.now = realNow;
    }
  });

  it('invalidates every entry of a tag by bumping one version, on every instance', async () => {
    const l2 = new MemoryL2Store();
    const bus = new MemoryCacheBus();
    const a = build(l2, bus).cache;
    const b = build(l2, bus).cache;
    for (let i = 0; i < 50; i++) await a.set(`k${i}`, i, { tags: ['agency:1'] });
    await a.set('other', 'x', { tags: ['agency:2'] });
    expect(await b.get('k7')).toBe(7);
    await a.invalidateTags(['agency:1']);
    expect(l2.versions.get('agency:1')).toBe(1);
    expect(await a.get('k7')).toBeUndefined();
    expect(await b.get('k7')).toBeUndefined();
    expect(await b.get('other')).toBe('x');
  });

  it('re-checks an entry read before once any tag change is heard of, soft or hard', async () => {
    const l2 = new MemoryL2Store();
    const bus = new MemoryCacheBus();
    const a = build(l2, bus).cache;
    const b = build(l2, bus).cache;
    await b.set('k', 1, { tags: ['agency:1', 'supplier:1'] });
    // Read twice: the second read relies on the first one's check.
    expect(b.peek('k')?.state).toBe('fresh');
    expect(b.peek('k')?.state).toBe('fresh');
    await new Promise((resolve) => setTimeout(resolve, 2));
    await a.invalidateTags(['supplier:1'], { soft: true });
    expect(b.peek('k')?.state).toBe('soft');
    await a.invalidateTags(['agency:1']);
    expect(b.peek('k')).toBeUndefined();
  });

  it('keeps a value loaded across an invalidation stale (versions are read before loading)', async () => {
    const { cache } = build();
    const value = await cache.getOrSet(
      'k',
      async () => {
        await cache.invalidateTags(['t']);
        return 'old';
      },
      { tags: ['t'] },
    );
    expect(value).toBe('old');
    expect(await cache.get('k')).toBeUndefined();
  });

  it('bounds L1 by entries and by bytes', async () => {
    const byItems = build(undefined, undefined, { l1MaxItems: 3 }).cache;
    for (let i = 0; i < 10; i++) await byItems.set(`k${i}`, i);
    expect(byItems.l1Size.items).toBe(3);
    const byBytes = build(undefined, undefined, { l1MaxBytes: 10_000 }).cache;
    for (let i = 0; i < 10; i++) await byBytes.set(`k${i}`, 'x'.repeat(1000));
    expect(byBytes.l1Size.bytes).toBeLessThanOrEqual(10_000);
    expect(byBytes.l1Size.items).toBeLessThan(10);
  });

  it('keeps answering from the loader and drops local entries when L2 fails', async () => {
    const l2 = new MemoryL2Store();
    const { cache } = build(l2);
    await cache.set('k', 1, { tags: ['t'] });
    const broken = new Error('redis down');
    l2.get = () => Promise.reject(broken);
    l2.set = () => Promise.reject(broken);
    l2.bumpTags = () => Promise.reject(broken);
    l2.tagStates = () => Promise.reject(broken);
    expect(await cache.get('k')).toBe(1);
    await cache.invalidateTags(['t']);
    expect(await cache.get('k')).toBeUndefined();
    expect(await cache.getOrSet('k', async () => 2, { tags: ['t'] })).toBe(2);
    expect(cache.stats.l2Errors).toBeGreaterThan(0);
  });

  it('clears a namespace from both tiers', async () => {
    const { cache, l2 } = build();
    await cache.set(cache.key('api', 1), 1, { namespace: 'api' });
    await cache.set(cache.key('db', 1), 1, { namespace: 'db' });
    expect(await cache.clearNamespace('api')).toBe(1);
    expect(await cache.get(cache.key('api', 1))).toBeUndefined();
    expect(await cache.get(cache.key('db', 1), 'db')).toBe(1);
    expect(l2.values.size).toBe(1);
  });

  describe('early refresh and grace', () => {
    const realNow = Date.now;
    afterEach(() => {
      Date.now = realNow;
    });

    async function seeded(random: number, loadMs: number) {
      const cache = new TieredCache(settings, new MemoryL2Store(), new MemoryCacheBus(), () => random);
      let calls = 0;
      const loader = async () => {
        calls++;
        await new Promise((resolve) => setTimeout(resolve, loadMs));
        return calls;
      };
      await cache.getOrSet('k', loader, { namespace: 'api' });
      return { cache, loader, calls: () => calls };
    }

    it('recomputes in the background once now - delta * beta * ln(1 - rand) reaches the expiry, returning the current value', async () => {
      // 1 - rand = e^-1000: the gap is delta * 1000 >= TTL (300 s) only for delta >= 300 ms.
      const { cache, loader, calls } = await seeded(1 - Math.exp(-1000), 350);
      Date.now = () => realNow() + 1000;
      expect(await cache.getOrSet('k', loader)).toBe(1);
      expect(cache.stats.earlyRefreshes).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 450));
      expect(calls()).toBe(2);
      expect(await cache.get('k')).toBe(2);
    });

    it('starts one early refresh per key, and answers from the current value if it expires while that refresh runs', async () => {
      const { cache, loader, calls } = await seeded(1 - Math.exp(-1000), 350);
      Date.now = () => realNow() + 1000;
      expect(await Promise.all([cache.getOrSet('k', loader), cache.getOrSet('k', loader), cache.getOrSet('k', loader)])).toEqual([1, 1, 1]);
      expect(cache.stats.earlyRefreshes).toBe(1);
      // Past the TTL before the refresh lands: no waiting for it (not even the 50 ms soft timeout).
      Date.now = () => realNow() + 301_000;
      const started = realNow();
      expect(await cache.getOrSet('k', loader)).toBe(1);
      expect(realNow() - started).toBeLessThan(40);
      expect(cache.stats.staleServed).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 450));
      expect(calls()).toBe(2);
      expect(await cache.get('k')).toBe(2);
    });

    it('does not refresh early when the draw says it is not yet time', async () => {
      const { cache, loader, calls } = await seeded(0.5, 5);
      Date.now = () => realNow() + 1000;
      expect(await cache.getOrSet('k', loader)).toBe(1);
      expect(cache.stats.earlyRefreshes).toBe(0);
      expect(calls()).toBe(1);
    });

    it('serves the stale value within the grace period when the loader fails', async () => {
      const { cache } = await seeded(0.5, 1);
      Date.now = () => realNow() + 310_000;
      expect(await cache.getOrSet('k', () => Promise.reject(new Error('db down')))).toBe(1);
      expect(cache.stats.staleServed).toBe(1);
      Date.now = () => realNow() + 331_000;
      await expect(cache.getOrSet('k', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    });

    it('serves the stale value after the soft timeout and stores the slow result when it lands', async () => {
      const { cache } = await seeded(0.5, 1);
      Date.now = () => realNow() + 310_000;
      const slow = () => new Promise<number>((resolve) => setTimeout(() => resolve(99), 150));
      const started = realNow();
      expect(await cache.getOrSet('k', slow)).toBe(1);
      expect(realNow() - started).toBeLessThan(140);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await cache.get('k')).toBe(99);
    });
  });

  describe('soft invalidation', () => {
    it('keeps serving the old value while one refresh runs, then the new one', async () => {
      const l2 = new MemoryL2Store();
      const bus = new MemoryCacheBus();
      const a = build(l2, bus).cache;
      const b = build(l2, bus).cache;
      let version = 1;
      let runs = 0;
      const loader = async () => {
        runs++;
        await new Promise((resolve) => setTimeout(resolve, 30));
        return version;
      };
      await a.getOrSet('k', loader, { tags: ['t'] });
      expect(await b.getOrSet('k', loader, { tags: ['t'] })).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 2));
      version = 2;
      await a.invalidateTags(['t'], { soft: true });
      expect(l2.versions.get('t')).toBeUndefined();
      const during = await Promise.all(Array.from({ length: 20 }, () => b.getOrSet('k', loader, { tags: ['t'] })));
      expect(during.every((v) => v === 1)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(runs).toBe(2);
      expect(await b.getOrSet('k', loader, { tags: ['t'] })).toBe(2);
      expect(await a.getOrSet('k', loader, { tags: ['t'] })).toBe(2);
    });
  });
});
