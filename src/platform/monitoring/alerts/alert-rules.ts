import type { Signal } from './thresholds.js';

export interface AlertRule {
  /** Also the Prometheus alert's name (docker/prometheus/alerts.yml). */
  name: string;
  signal: Signal;
  /** `above`: values over a level cross it; `below`: values under it. */
  direction: 'above' | 'below';
  unit: string;
  summary: string;
}

/** The rules evaluated in process and, with their default levels, in docker/prometheus/alerts.yml (a unit test keeps the two in step). */
export const ALERT_RULES: readonly AlertRule[] = [
  { name: 'HotpathRedisSlowCommands', signal: 'redisSlowPerMinute', direction: 'above', unit: 'per minute', summary: 'Redis commands slower than REDIS_SLOW_MS' },
  { name: 'HotpathRedisErrorRate', signal: 'redisErrorRate', direction: 'above', unit: 'ratio', summary: 'Share of Redis commands that failed' },
  { name: 'HotpathRedisLatencyP95', signal: 'redisP95Ms', direction: 'above', unit: 'ms', summary: 'p95 of Redis command time (blocking commands left out)' },
  { name: 'HotpathRedisMemory', signal: 'redisMemoryUse', direction: 'above', unit: 'ratio', summary: 'Redis memory used against its limit' },
  { name: 'HotpathRedisClients', signal: 'redisClientsUse', direction: 'above', unit: 'ratio', summary: 'Redis connections against maxclients' },
  { name: 'HotpathDbPoolUse', signal: 'dbPoolUse', direction: 'above', unit: 'ratio', summary: 'Postgres pool connections in use against its maximum' },
  { name: 'HotpathDbPoolWaits', signal: 'dbPoolWaitsPerMinute', direction: 'above', unit: 'per minute', summary: 'Queries that waited for a Postgres connection' },
  { name: 'HotpathCacheHitRatio', signal: 'cacheHitRatio', direction: 'below', unit: 'ratio', summary: 'Cache hits over lookups' },
  { name: 'HotpathConsumerLag', signal: 'consumerLag', direction: 'above', unit: 'entries', summary: 'Stream entries not yet delivered to a consumer group' },
  { name: 'HotpathOutboxAge', signal: 'outboxAgeSeconds', direction: 'above', unit: 'seconds', summary: 'Age of the oldest unpublished outbox row' },
  { name: 'HotpathQueueDepth', signal: 'queueDepth', direction: 'above', unit: 'jobs', summary: 'Jobs waiting in the fullest queue' },
];
