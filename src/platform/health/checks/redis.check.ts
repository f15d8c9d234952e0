import type { Redis } from 'ioredis';
import { withTimeout } from './check-outcome.js';

/** Checks Redis on the shared connection: down at once while it is not ready (reconnecting), else a PING within the timeout. */
export async function checkRedis(redis: Redis, timeoutMs: number): Promise<Record<string, unknown>> {
  if (redis.status !== 'ready') throw new Error(`connection is ${redis.status}`);
  await withTimeout(redis.ping(), timeoutMs);
  return {};
}
