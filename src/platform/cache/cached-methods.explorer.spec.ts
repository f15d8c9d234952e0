import { Injectable } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { CACHE_HTTP_OPTIONS } from './cache.constants.js';
import { CachedMethodsExplorer } from './cached-methods.explorer.js';
import { Cached } from './decorators/cached.decorator.js';
import { MemoryCacheBus } from './stores/cache-bus.js';
import { MemoryL2Store } from './stores/memory-l2-store.js';
import { TieredCache } from './tiered-cache.js';

class StatsQuery {
  constructor(readonly agencyId: string) {}
}

interface Stats {
  agencyId: string;
  supplierIds: string[];
  run: number;
}

@Injectable()
class StatsHandler {
  runs = 0;
  /** Lets a test act while a load is in flight. */
  duringLoad: () => Promise<void> = async () => undefined;

  @Cached<StatsQuery, Stats>({ namespace: 'compute', tags: (q) => [`agency:${q.agencyId}`], resultTags: (stats) => stats.supplierIds.map((id) => `supplier:${id}`) })
  async execute(query: StatsQuery): Promise<Stats> {
    this.runs++;
    await this.duringLoad();
    return { agencyId: query.agencyId, supplierIds: ['s1', 's2'], run: this.runs };
  }

  uncached(): string {
    return 'plain';
  }
}

async function setUp(enabled = true) {
  const cache = new TieredCache(
    { keyPrefix: 't:c', defaultTtlSeconds: 60, namespaceTtlSeconds: { compute: 1800 }, l1MaxItems: 100, l1MaxBytes: 1_000_000, earlyRefreshBeta: 1, graceSeconds: 30, softTimeoutMs: 50, lockTtlMs: 500 },
    new MemoryL2Store(),
    new MemoryCacheBus(),
  );
  const moduleRef = await Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [StatsHandler, CachedMethodsExplorer, { provide: TieredCache, useValue: cache }, { provide: CACHE_HTTP_OPTIONS, useValue: { enabled } }],
  }).compile();
  await moduleRef.init();
  return { cache, handler: moduleRef.get(StatsHandler) };
}

describe('CachedMethodsExplorer', () => {
  it('caches a @Cached provider method per input, in its namespace', async () => {
    const { cache, handler } = await setUp();
    expect(await handler.execute(new StatsQuery('a1'))).toEqual({ agencyId: 'a1', supplierIds: ['s1', 's2'], run: 1 });
    expect(await handler.execute(new StatsQuery('a1'))).toEqual({ agencyId: 'a1', supplierIds: ['s1', 's2'], run: 1 });
    expect((await handler.execute(new StatsQuery('a2'))).run).toBe(2);
    expect(handler.runs).toBe(2);
    expect(cache.report().namespaces.compute).toMatchObject({ l1Hits: 1, misses: 2 });
    expect(handler.uncached()).toBe('plain');
  });

  it('drops the result when a tag from the input or from the result is invalidated', async () => {
    const { cache, handler } = await setUp();
    await handler.execute(new StatsQuery('a1'));
    await cache.invalidateTags(['agency:a1']);
    expect((await handler.execute(new StatsQuery('a1'))).run).toBe(2);
    await cache.invalidateTags(['supplier:s2']);
    expect((await handler.execute(new StatsQuery('a1'))).run).toBe(3);
    expect((await handler.execute(new StatsQuery('a1'))).run).toBe(3);
  });

  it('does not cache a result whose result tag was invalidated while it loaded', async () => {
    const { cache, handler } = await setUp();
    handler.duringLoad = () => cache.invalidateTags(['supplier:s1']);
    expect((await handler.execute(new StatsQuery('a1'))).run).toBe(1);
    handler.duringLoad = async () => undefined;
    expect((await handler.execute(new StatsQuery('a1'))).run).toBe(2);
    expect((await handler.execute(new StatsQuery('a1'))).run).toBe(2);
  });

  it('leaves methods uncached when the cache is turned off', async () => {
    const { cache, handler } = await setUp(false);
    await handler.execute(new StatsQuery('a1'));
    expect((await handler.execute(new StatsQuery('a1'))).run).toBe(2);
    expect(cache.report().namespaces).toEqual({});
  });
});
