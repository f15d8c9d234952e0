import type { CacheStatsReport } from '../../cache/index.js';
import { type Finding, finding } from '../findings.js';
import type { RouteTiming } from './route-timings.js';

/** Fewer lookups than this tell nothing about a namespace's hit ratio. */
export const MIN_LOOKUPS = 100;

export interface CacheGain {
  route: string;
  cached: boolean;
  /** Uncached: successful GETs; cached: misses that ran the handler. */
  requests: number;
  meanMs: number;
  /** What serving all of them from the cache would have saved, in handler milliseconds. */
  potentialMs: number;
}

export interface TtlAdvice {
  namespace: string;
  ttlSeconds: number;
  hitRatio: number;
  lookups: number;
  advice: string;
}

/**
 * The routes that would gain most from caching: an uncached route's responses, or a cached
 * route's misses, times their mean time. A hit costs next to nothing beside them.
 */
export function cacheGains(report: CacheStatsReport, timings: readonly RouteTiming[]): CacheGain[] {
  const cached = new Set(report.routes.map((r) => r.route));
  const uncached = timings.filter((t) => !cached.has(t.route) && t.responses > 0).map((t) => ({ route: t.route, cached: false, requests: t.responses, meanMs: t.totalMs / t.responses }));
  const misses = report.routes.filter((r) => r.loads > 0 && r.meanLoadMs !== null).map((r) => ({ route: r.route, cached: true, requests: r.loads, meanMs: r.meanLoadMs as number }));
  return [...uncached, ...misses]
    .map((gain) => ({ ...gain, meanMs: round(gain.meanMs), potentialMs: round(gain.requests * gain.meanMs) }))
    .sort((a, b) => b.potentialMs - a.potentialMs)
    .slice(0, 10);
}

/** TTL advice per namespace with enough lookups to judge. */
export function ttlAdvice(report: CacheStatsReport): TtlAdvice[] {
  return Object.entries(report.namespaces)
    .map(([namespace, figures]) => ({ namespace, figures, lookups: figures.l1Hits + figures.l2Hits + figures.misses }))
    .filter(({ lookups }) => lookups >= MIN_LOOKUPS)
    .map(({ namespace, figures, lookups }) => ({ namespace, ttlSeconds: figures.ttlSeconds, hitRatio: round(figures.hitRatio, 4), lookups, advice: adviceFor(namespace, figures.hitRatio, figures.ttlSeconds) }));
}

function adviceFor(namespace: string, hitRatio: number, ttlSeconds: number): string {
  const variable = `CACHE_TTL_${namespace.toUpperCase()}`;
  if (hitRatio < 0.5) return `Few lookups hit: the entries expire (TTL ${ttlSeconds} s) before they are read again, or their inputs rarely repeat. Raise ${variable} if the data may be that old; otherwise caching this namespace costs more than it saves.`;
  if (hitRatio < 0.8) return `A longer TTL (${variable}, now ${ttlSeconds} s) would turn more misses into hits, where the data may be that old; invalidation by tags keeps writes visible either way.`;
  return `The TTL (${ttlSeconds} s) serves most lookups; keep it.`;
}

/** Findings about the cache as a whole. */
export function cacheFindings(report: CacheStatsReport): Finding[] {
  const findings: Finding[] = [];
  const l1Hits = Object.values(report.namespaces).reduce((sum, n) => sum + n.l1Hits, 0);
  const l2Hits = Object.values(report.namespaces).reduce((sum, n) => sum + n.l2Hits, 0);
  const full = report.l1.items >= 0.95 * report.l1.maxItems || report.l1.bytes >= 0.95 * report.l1.maxBytes;
  if (full && l2Hits > l1Hits) {
    findings.push(finding('CACHE.L1_FULL', 'warning', `The in-process tier is full (${report.l1.items} entries, ${report.l1.bytes} bytes) and Redis answers more hits (${l2Hits}) than it does (${l1Hits}).`, 'Raise CACHE_L1_MAX_ITEMS or CACHE_L1_MAX_BYTES so hot entries stay in process.'));
  }
  if (report.l2Errors > 0) findings.push(finding('CACHE.L2_ERRORS', 'warning', `${report.l2Errors} cache operations on Redis failed (served from L1 and the database meanwhile).`, 'See the Redis performance report: the cache depends on the shared connection.'));
  if (report.staleServed > 0) findings.push(finding('CACHE.STALE_SERVED', 'info', `${report.staleServed} answers were stale entries: a handler failed or was slow past CACHE_SOFT_TIMEOUT_MS, or an entry was softly invalidated.`, 'Check the handlers of the routes concerned; CACHE_GRACE bounds how old a stale answer may be.'));
  return findings;
}

function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
