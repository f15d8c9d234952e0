import { Logger } from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';
import { nameConnectionRole, trackConnection } from './command-timing.js';
import { installDisconnectFix } from './disconnect-fix.js';

export interface RedisSettings {
  url: string;
  keyPrefix: string;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
}

/** `jobs`: BullMQ's connections, which BullMQ makes itself from these options (as `blocking`'s). */
export type RedisRole = 'shared' | 'blocking' | 'subscriber' | 'jobs';

const MAX_BACKOFF_MS = 5000;

/**
 * Commands a `shared` connection sends at once instead of auto-pipelining them. Scripts carry
 * the writes that others wait for (the cache's tag bump, awaited by every write and projection
 * batch; lock releases), while an auto-pipelined command waits for the event loop's check phase
 * and for the connection's previous auto-pipeline to come back. Reads stay auto-pipelined:
 * that is where batching pays. Measured in bench/RESULTS.md (2026-11-24, 21:30 UTC).
 */
const SENT_AT_ONCE = ['eval', 'evalsha'];

// Before any connection exists: BullMQ's connections and ours all need it (see disconnect-fix.ts).
installDisconnectFix();

/** Reconnect delay: capped exponential backoff with jitter, retried forever. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_BACKOFF_MS, 50 * 2 ** Math.min(attempt, 16));
  return Math.round(base / 2 + random() * (base / 2));
}

/**
 * Options of a connection in `role`. `shared` auto-pipelines (scripts excepted) and fails
 * commands fast when Redis is away; `blocking` and `subscriber` have no command timeout (their
 * commands wait by design) and retry every command across reconnects (BullMQ requires that of
 * its connections).
 */
export function redisOptions(settings: RedisSettings, role: RedisRole, name = `hotpath-${role}`): RedisOptions {
  // Clients a library makes from these options are timed under this role too.
  nameConnectionRole(name, role);
  return {
    connectionName: name,
    connectTimeout: settings.connectTimeoutMs,
    commandTimeout: role === 'shared' ? settings.commandTimeoutMs : undefined,
    enableAutoPipelining: role === 'shared',
    autoPipeliningIgnoredCommands: SENT_AT_ONCE,
    maxRetriesPerRequest: role === 'shared' ? 1 : null,
    enableOfflineQueue: role !== 'shared',
    keepAlive: 10_000,
    retryStrategy: (attempt) => reconnectDelay(attempt),
    lazyConnect: false,
    // ioredis's own re-subscription leaves its reply unhandled: a subscriber subscribes again on 'ready' itself.
    autoResubscribe: false,
  };
}

/** The one place Redis connections are made (see `redisOptions`). Errors are logged once per outage, not per reconnect attempt. */
export function createRedisConnection(settings: RedisSettings, role: RedisRole, name = `hotpath-${role}`): Redis {
  const logger = new Logger(`Redis:${name}`);
  const options = redisOptions(settings, role, name);
  const client = new Redis(settings.url, options);
  trackConnection(client, role);
  let down = false;
  client.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger.warn({ msg: 'Redis unavailable, retrying in the background', error: error.message });
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    logger.log({ msg: 'Redis connection restored' });
  });
  return client;
}

/** Closes a connection, waiting at most `timeoutMs` for pending replies. */
export async function closeRedis(client: Redis, timeoutMs = 2000): Promise<void> {
  if (client.status === 'end') return;
  if (client.status !== 'ready') {
    // Nothing to flush; this also stops a reconnect loop against a server that is away.
    client.disconnect();
    return;
  }
  const timer = setTimeout(() => client.disconnect(), timeoutMs);
  try {
    await client.quit();
  } catch {
    client.disconnect();
  } finally {
    clearTimeout(timer);
  }
}
