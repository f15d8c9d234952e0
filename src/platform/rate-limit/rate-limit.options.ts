import type { IncomingMessage } from 'node:http';
import type { RateLimitStore } from './stores/rate-limit-store.js';

/** Tokens added per second and the most a bucket holds (the burst a quiet caller may spend at once). */
export interface BucketLimit {
  rate: number;
  burst: number;
}

/** Callers are counted per key (`key`), or per client address when anonymous. */
export type RateLimitTier = 'anonymous' | 'key';

export type TierLimits = Readonly<Record<RateLimitTier, BucketLimit>>;

/** Who is calling, as the identity layer saw it; anonymous callers are counted by address. */
export interface RateLimitSubject {
  readonly id: string;
  readonly tier: RateLimitTier;
}

export interface RateLimitModuleOptions {
  /** false: no gate work, no headers (kill switch). */
  enabled: boolean;
  /** Every budget routes may name; `read` and `write` are required (the defaults by method). */
  budgets: Readonly<Record<string, TierLimits>>;
  /**
   * Proxies in front of the app whose `X-Forwarded-For` is believed: 0 uses the socket address;
   * n takes the n-th address from the right of the list (the one the outermost trusted proxy saw).
   */
  trustProxyHops: number;
  /** Prefix of the shared buckets' Redis keys (ignored when `store` is given). */
  keyPrefix: string;
  /**
   * The caller of a request, when the identity layer knows one; undefined, or an `anonymous`
   * subject (failed credentials included), is counted by client address. Must be synchronous
   * and cheap: it runs for every request.
   */
  subject?: (request: IncomingMessage) => RateLimitSubject | undefined;
  /** Requests that are neither counted nor given headers: in-process ones, such as the cache warmers'. Runs for every request. */
  exempt?: (request: IncomingMessage) => boolean;
  /** Where buckets are shared; Redis over the app's shared connection by default. */
  store?: RateLimitStore;
  /** How often local counts are reconciled with the store; 0 only when a test calls `sync()` itself. */
  syncIntervalMs?: number;
  /** Buckets kept per budget and tier; the oldest is dropped for a new one above it. */
  maxBuckets?: number;
  /** Epoch milliseconds; shared buckets compare the instances' clocks. */
  clock?: () => number;
}

export const DEFAULT_SYNC_INTERVAL_MS = 50;
export const DEFAULT_MAX_BUCKETS = 50_000;
