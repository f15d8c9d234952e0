import type { Thresholds } from './alerts/thresholds.js';

/** Figures of the event pipeline and the queues, from the modules that own them; null where unknown. */
export interface PipelineFigures {
  /** Entries not yet delivered to the most lagging consumer group. */
  consumerLag: number | null;
  /** Age in seconds of the oldest unpublished outbox row (0 when none waits). */
  outboxAgeSeconds: number | null;
  /** Jobs waiting per queue. */
  queueDepth: Record<string, number> | null;
}

export interface MonitoringModuleOptions {
  /** A Redis command slower than this (ms) is slow: counted, and logged by name. Blocking commands never are. */
  slowCommandMs: number;
  /** How often server figures are read and the thresholds evaluated; 0 runs no timer (evaluated when asked). */
  intervalMs: number;
  thresholds: Thresholds;
  /** How long a level must stay crossed before its alert fires (Prometheus's `for`). */
  alertForMs: number;
  /** The Redis behind `REDIS_CLIENT` holds streams and queues: an eviction policy other than `noeviction` is then critical. */
  redisHoldsStreamsAndQueues: boolean;
  /** Processes that open Postgres pools with this one's settings (all instances of every role), for pool sizing. */
  processes: number;
  /** Connections each process keeps open to Postgres besides its pool (health check, outbox relay, ...). */
  dedicatedDbConnections: number;
  /** Reads the pipeline's figures; without it consumer lag, outbox age and queue depth have no data. */
  pipeline?: () => Promise<PipelineFigures>;
  /** GET routes (by template) whose responses are timed for the cache report's advice; all by default. */
  timedRoute?: (url: string) => boolean;
  /** Epoch milliseconds (tests inject one). */
  clock?: () => number;
}
