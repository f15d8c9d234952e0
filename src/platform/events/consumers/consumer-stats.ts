/** What one consumer did since the process started; read by the stats endpoint and, later, Prometheus. */
export interface EventConsumerCounters {
  /** Handled and acknowledged. */
  handled: number;
  /** Failed deliveries that were retried. */
  retried: number;
  /** Moved to the dead-letter stream. */
  deadLettered: number;
  /** Taken over from consumers idle longer than the handler timeout (XAUTOCLAIM). */
  reclaimed: number;
  /** Acknowledged without a handler call (event type not subscribed). */
  skipped: number;
}

export interface EventConsumerStats extends EventConsumerCounters {
  group: string;
  consumer: string;
  /** Entries read and not yet acknowledged. */
  inFlight: number;
}

export function emptyCounters(): EventConsumerCounters {
  return { handled: 0, retried: 0, deadLettered: 0, reclaimed: 0, skipped: 0 };
}
