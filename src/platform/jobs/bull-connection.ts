import type { RedisOptions as BullRedisOptions } from 'bullmq';
import { nameConnectionRole, redisOptions, type RedisSettings } from '../redis/index.js';

/**
 * Connection options (not a client) for BullMQ: each queue and worker opens and closes its
 * own connections with them, so none outlives its owner at shutdown. They are the redis
 * platform's `jobs` options, `blocking`'s (no command timeout, commands retried across
 * reconnects, as BullMQ requires of workers), under their own role for the command timing; the URL comes first so its host, port and db win over BullMQ's
 * defaults.
 */
export function bullConnection(settings: RedisSettings, name = 'hotpath-jobs'): BullRedisOptions {
  // A worker's blocking connection is named by BullMQ after its queue, under the queues' prefix.
  nameConnectionRole(`${bullPrefix(settings.keyPrefix)}:`, 'jobs', 'prefix');
  return { url: settings.url, ...(redisOptions(settings, 'jobs', name) as BullRedisOptions) };
}

/** BullMQ keys live under `<REDIS_KEY_PREFIX>:bull:<queue>:…`. */
export function bullPrefix(keyPrefix: string): string {
  return `${keyPrefix}:bull`;
}
