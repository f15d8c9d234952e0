/** A warning and a critical level; for a rule whose lower values are worse, critical is the lower one. */
export interface Levels {
  warning: number;
  critical: number;
}

/** The levels of every alert rule (see `ALERT_RULES`). */
export interface Thresholds {
  /** Slow Redis commands (over the slow threshold) per minute, averaged over 5 minutes. */
  redisSlowPerMinute: Levels;
  /** Failed Redis commands over all commands, last 5 minutes (0..1). */
  redisErrorRate: Levels;
  /** p95 of Redis command time in ms, blocking commands left out, last 5 minutes. */
  redisP95Ms: Levels;
  /** Redis memory used over maxmemory (or the machine's memory without one), 0..1. */
  redisMemoryUse: Levels;
  /** Redis connected clients over maxclients, 0..1. */
  redisClientsUse: Levels;
  /** Postgres pool connections in use over the pool's maximum, 0..1. */
  dbPoolUse: Levels;
  /** Postgres pool acquisitions that had to wait per minute, averaged over 5 minutes. */
  dbPoolWaitsPerMinute: Levels;
  /** Cache hits over lookups, last 5 minutes (lower is worse). */
  cacheHitRatio: Levels;
  /** Entries not yet delivered to the most lagging consumer group. */
  consumerLag: Levels;
  /** Age in seconds of the oldest unpublished outbox row. */
  outboxAgeSeconds: Levels;
  /** Jobs waiting in the fullest queue. */
  queueDepth: Levels;
}

export type Signal = keyof Thresholds;

/** One figure per rule; null when it cannot be told now (no traffic, a source missing or failing). */
export type Signals = Record<Signal, number | null>;
