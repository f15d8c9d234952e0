import { type HotKey, HotKeys } from './hot-keys.js';

export type Tier = 'l1' | 'l2';

/** What a `@CachedRoute` route did: hits (pre-routed ones included), stale answers, and misses with the handler time they cost. */
export class RouteCounters {
  hits = 0;
  stale = 0;
  misses = 0;
  /** Misses whose response was stored, and the handler time they took. */
  loads = 0;
  loadMs = 0;

  constructor(
    readonly route: string,
    readonly namespace: string,
  ) {}
}

/** Counters behind GET /admin/cache/stats, the monitoring cache report (and Prometheus once monitoring lands). */
export class CacheStats {
  readonly hits: Record<string, Record<Tier, number>> = {};
  readonly misses: Record<string, number> = {};
  readonly routes = new Map<string, RouteCounters>();
  readonly hotKeys = new HotKeys();
  invalidations = 0;
  earlyRefreshes = 0;
  staleServed = 0;
  lockWaits = 0;
  l2Errors = 0;

  hit(namespace: string, tier: Tier): void {
    (this.hits[namespace] ??= { l1: 0, l2: 0 })[tier]++;
  }

  miss(namespace: string): void {
    this.misses[namespace] = (this.misses[namespace] ?? 0) + 1;
  }

  /** The counters of a route, made once when the route is registered. */
  route(route: string, namespace: string): RouteCounters {
    let counters = this.routes.get(route);
    if (!counters) this.routes.set(route, (counters = new RouteCounters(route, namespace)));
    return counters;
  }
}

export interface RouteCacheReport {
  route: string;
  namespace: string;
  hits: number;
  stale: number;
  misses: number;
  hitRatio: number;
  loads: number;
  meanLoadMs: number | null;
}

export interface CacheStatsReport {
  namespaces: Record<string, { l1Hits: number; l2Hits: number; misses: number; hitRatio: number; ttlSeconds: number }>;
  hitRatio: number;
  l1: { items: number; bytes: number; maxItems: number; maxBytes: number };
  /** `@CachedRoute` routes. */
  routes: RouteCacheReport[];
  /** The most-hit keys (sampled). */
  hotKeys: HotKey[];
  coalescedLoads: number;
  earlyRefreshes: number;
  staleServed: number;
  lockWaits: number;
  /** Keys whose load this instance is waiting on (another instance holds the lock). */
  keysAwaited: number;
  /** Tag versions kept in process (bounded). */
  tagsKnown: number;
  invalidations: number;
  l2Errors: number;
}
