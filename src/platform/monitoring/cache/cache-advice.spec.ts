import type { CacheStatsReport } from '../../cache/index.js';
import { cacheFindings, cacheGains, ttlAdvice } from './cache-advice.js';
import { RouteTiming } from './route-timings.js';

function report(overrides: Partial<CacheStatsReport> = {}): CacheStatsReport {
  return {
    namespaces: {},
    hitRatio: 0,
    l1: { items: 10, bytes: 1000, maxItems: 10000, maxBytes: 1 << 26 },
    routes: [],
    hotKeys: [],
    coalescedLoads: 0,
    earlyRefreshes: 0,
    staleServed: 0,
    lockWaits: 0,
    keysAwaited: 0,
    tagsKnown: 0,
    invalidations: 0,
    l2Errors: 0,
    ...overrides,
  };
}

const timing = (route: string, responses: number, totalMs: number) => Object.assign(new RouteTiming(route), { responses, totalMs });
const route = (name: string, loads: number, meanLoadMs: number | null) => ({ route: name, namespace: 'api', hits: 0, stale: 0, misses: loads, hitRatio: 0, loads, meanLoadMs });

describe('cache advice', () => {
  it("ranks the routes that would gain most: uncached routes' responses and cached routes' misses, by the time they took", () => {
    const gains = cacheGains(report({ routes: [route('/contracts/:id', 100, 4), route('/contracts', 0, null)] }), [timing('/agencies', 50, 1000), timing('/contracts/:id', 10, 20), timing('/suppliers', 0, 0)]);
    expect(gains).toEqual([
      { route: '/agencies', cached: false, requests: 50, meanMs: 20, potentialMs: 1000 },
      { route: '/contracts/:id', cached: true, requests: 100, meanMs: 4, potentialMs: 400 },
    ]);
  });

  it('advises on TTLs only where lookups are enough to judge', () => {
    const namespaces = {
      api: { l1Hits: 30, l2Hits: 10, misses: 60, hitRatio: 0.4, ttlSeconds: 300 },
      db: { l1Hits: 90, l2Hits: 0, misses: 10, hitRatio: 0.9, ttlSeconds: 600 },
      compute: { l1Hits: 1, l2Hits: 0, misses: 1, hitRatio: 0.5, ttlSeconds: 1800 },
    };
    const advice = ttlAdvice(report({ namespaces }));
    expect(advice.map((a) => [a.namespace, a.lookups])).toEqual([
      ['api', 100],
      ['db', 100],
    ]);
    expect(advice[0].advice).toContain('Raise CACHE_TTL_API');
    expect(advice[1].advice).toContain('keep it');
  });

  it('finds a full L1 that Redis out-serves, Redis errors and stale answers', () => {
    const namespaces = { api: { l1Hits: 10, l2Hits: 90, misses: 0, hitRatio: 1, ttlSeconds: 300 } };
    const findings = cacheFindings(report({ namespaces, l1: { items: 10000, bytes: 1, maxItems: 10000, maxBytes: 1 << 26 }, l2Errors: 2, staleServed: 1 }));
    expect(findings.map((f) => [f.code, f.severity])).toEqual([
      ['CACHE.L1_FULL', 'warning'],
      ['CACHE.L2_ERRORS', 'warning'],
      ['CACHE.STALE_SERVED', 'info'],
    ]);
    expect(cacheFindings(report())).toEqual([]);
  });
});
