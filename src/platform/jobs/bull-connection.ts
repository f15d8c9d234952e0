import type { RedisOptions as BullRedisOptions } from 'bullmq';
import { redisOptions, type RedisSettings } from '../redis/index.js';

/**
 * Connection options (not a client) for BullMQ: each queue and worker opens and closes its
 * own connections with them, so none outlives its owner at shutdown. They are the redis
 * platform's `blocking` options (no command timeout, commands retried across reconnects, as
 * BullMQ requires of workers); the URL comes first so its host, port and db win over BullMQ's
 * defaults.
 */
export function bullConnection(settings: RedisSettings, name = 'hotpath-jobs'): BullRedisOptions {
  return { url: settings.url, ...(redisOptions(settings, 'blocking', name) as BullRedisOptions) };
}

/** BullMQ keys live under `<REDIS_KEY_PREFIX>:bull:<queue>:…`. */
export function bullPrefix(keyPrefix: string): string {
  return `${keyPrefix}:bull`;
}
