export type Tier = 'l1' | 'l2';

/** Counters behind GET /admin/cache/stats (and Prometheus once monitoring lands). */
export class CacheStats {
  readonly hits: Record<string, Record<Tier, number>> = {};
  readonly misses: Record<string, number> = {};
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
}

export interface CacheStatsReport {
  namespaces: Record<string, { l1Hits: number; l2Hits: number; misses: number; hitRatio: number }>;
  hitRatio: number;
  l1: { items: number; bytes: number };
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
