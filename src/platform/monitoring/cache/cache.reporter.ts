import { Inject, Injectable, Optional } from '@nestjs/common';
import { type CacheStatsReport, TieredCache } from '../../cache/index.js';
import type { Finding } from '../findings.js';
import { MONITORING_CLOCK } from '../monitoring.constants.js';
import { type CacheGain, cacheFindings, cacheGains, type TtlAdvice, ttlAdvice } from './cache-advice.js';
import { RouteTimings } from './route-timings.js';

export interface CacheReport {
  generatedAt: string;
  /** False in a process without the cache module; the rest is then empty. */
  enabled: boolean;
  hitRatio: number;
  namespaces: (CacheStatsReport['namespaces'][string] & { namespace: string; lookups: number })[];
  routes: CacheStatsReport['routes'];
  hotKeys: CacheStatsReport['hotKeys'];
  /** Share of the sampled hot keys' hits per namespace. */
  hotNamespaces: { namespace: string; share: number }[];
  ttlAdvice: TtlAdvice[];
  /** The routes that would gain most from caching (or from more hits), most first. */
  gains: CacheGain[];
  l1: CacheStatsReport['l1'] | null;
  findings: Finding[];
}

/** `GET /admin/monitoring/cache`: hit ratio and volume per namespace and route, the hottest keys' namespaces, TTL advice, where caching would pay. */
@Injectable()
export class CacheReporter {
  constructor(
    private readonly timings: RouteTimings,
    @Inject(MONITORING_CLOCK) private readonly clock: () => number,
    @Optional() private readonly cache?: TieredCache,
  ) {}

  report(): CacheReport {
    const generatedAt = new Date(this.clock()).toISOString();
    if (!this.cache) return { generatedAt, enabled: false, hitRatio: 0, namespaces: [], routes: [], hotKeys: [], hotNamespaces: [], ttlAdvice: [], gains: [], l1: null, findings: [] };
    const stats = this.cache.report();
    const namespaces = Object.entries(stats.namespaces)
      .map(([namespace, figures]) => ({ namespace, ...figures, lookups: figures.l1Hits + figures.l2Hits + figures.misses }))
      .sort((a, b) => b.lookups - a.lookups);
    const hot = stats.hotKeys.reduce((sum, key) => sum + key.estimatedHits, 0);
    const byNamespace = new Map<string, number>();
    for (const key of stats.hotKeys) byNamespace.set(key.namespace, (byNamespace.get(key.namespace) ?? 0) + key.estimatedHits);
    const hotNamespaces = [...byNamespace].map(([namespace, hits]) => ({ namespace, share: Math.round((hits / hot) * 1000) / 1000 })).sort((a, b) => b.share - a.share);
    const routes = [...stats.routes].sort((a, b) => b.hits + b.misses - (a.hits + a.misses));
    return { generatedAt, enabled: true, hitRatio: stats.hitRatio, namespaces, routes, hotKeys: stats.hotKeys, hotNamespaces, ttlAdvice: ttlAdvice(stats), gains: cacheGains(stats, this.timings.all()), l1: stats.l1, findings: cacheFindings(stats) };
  }
}
