export interface RetryPolicy {
  maxDeliveries: number;
  retryBaseMs: number;
  retryMaxMs: number;
}

export type Decision = { action: 'retry'; delayMs: number } | { action: 'dead-letter' };

/** Delay before delivery `deliveries + 1`: base, doubled per delivery, capped (no jitter: one shard waits, nothing stampedes). */
export function retryDelay(deliveries: number, policy: Pick<RetryPolicy, 'retryBaseMs' | 'retryMaxMs'>): number {
  return Math.min(policy.retryMaxMs, policy.retryBaseMs * 2 ** Math.min(Math.max(deliveries - 1, 0), 30));
}

/** What to do after delivery number `deliveries` (1-based) failed. */
export function afterFailure(deliveries: number, policy: RetryPolicy): Decision {
  return deliveries >= policy.maxDeliveries ? { action: 'dead-letter' } : { action: 'retry', delayMs: retryDelay(deliveries, policy) };
}

/**
 * Whether an entry delivered `deliveries` times may be handled once more. Above the limit it was
 * delivered without an outcome (its consumer died or timed out each time, e.g. a poison event
 * that crashes the process): it goes to dead letters without another try.
 */
export function mayHandle(deliveries: number, policy: Pick<RetryPolicy, 'maxDeliveries'>): boolean {
  return deliveries <= policy.maxDeliveries;
}
