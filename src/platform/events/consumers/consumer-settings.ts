import type { RetryPolicy } from './delivery-decision.js';

/** How every consumer of a process reads, retries and reclaims (from `EVENTS_*` config). */
export interface ConsumerSettings extends Omit<RetryPolicy, 'maxDeliveries'> {
  keyPrefix: string;
  shards: number;
  batch: number;
  blockMs: number;
  maxInFlight: number;
  /** Aggregates handled at once (each one's events in order). */
  concurrency: number;
  handlerTimeoutMs: number;
  reclaimIntervalMs: number;
  /** On shutdown, how long handlers already running may take to finish. */
  drainTimeoutMs: number;
}
