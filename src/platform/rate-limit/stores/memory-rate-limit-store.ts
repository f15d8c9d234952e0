import type { RateLimitStore, SyncBatch } from './rate-limit-store.js';
import { debtFloor } from './shared-bucket.js';

/** The Redis store's arithmetic in memory, for unit tests and single-process use. */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  /** Calls so far; a test can make the next ones fail. */
  calls = 0;
  failing = false;

  sync(now: number, batches: readonly SyncBatch[]): Promise<number[][]> {
    this.calls++;
    if (this.failing) return Promise.reject(new Error('store unavailable'));
    return Promise.resolve(
      batches.map(({ table, limit, ids, consumed }) =>
        ids.map((id, i) => {
          const key = `${table}:${id}`;
          const bucket = this.buckets.get(key) ?? { tokens: limit.burst, at: now };
          if (now > bucket.at) {
            bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.at) * limit.rate) / 1000);
            bucket.at = now;
          }
          bucket.tokens = Math.max(debtFloor(limit.burst), bucket.tokens - consumed[i]);
          this.buckets.set(key, bucket);
          return bucket.tokens;
        }),
      ),
    );
  }
}
