import type { Redis } from 'ioredis';
import type { RateLimitStore, SyncBatch } from './rate-limit-store.js';
import { idleTtlMs } from './shared-bucket.js';

/**
 * KEYS: every bucket, grouped by table. ARGV[1]: now (epoch ms); then per group: rate per ms,
 * burst, expiry (ms), the group's key count, and that many consumed counts. Returns each
 * bucket's tokens as a string (Lua numbers come back truncated to integers).
 */
const SYNC = `
local now = tonumber(ARGV[1])
local out = {}
local a = 2
local k = 1
while k <= #KEYS do
  local rate, burst, ttl, n = tonumber(ARGV[a]), tonumber(ARGV[a + 1]), ARGV[a + 2], tonumber(ARGV[a + 3])
  a = a + 4
  for _ = 1, n do
    local state = redis.call('HMGET', KEYS[k], 't', 'at')
    local tokens, at = tonumber(state[1]), tonumber(state[2])
    if tokens == nil or at == nil then tokens, at = burst, now end
    if now > at then tokens, at = math.min(burst, tokens + (now - at) * rate), now end
    tokens = math.max(-burst, tokens - tonumber(ARGV[a]))
    redis.call('HSET', KEYS[k], 't', tokens, 'at', at)
    redis.call('PEXPIRE', KEYS[k], ttl)
    out[k] = tostring(tokens)
    a = a + 1
    k = k + 1
  end
end
return out
`;

/** Keys per script call: bounds how long one call holds Redis. */
const KEYS_PER_CALL = 1000;

/**
 * Shared buckets in Redis hashes (`t` tokens, `at` epoch ms), charged by one script call per
 * sync (more above 1,000 keys, sent together). Every key carries the `{rl}` hash tag, so a
 * call's keys share a slot on Redis Cluster (the limiter's load there is a few calls per second
 * per instance). Buckets expire once they would be full again: a missing bucket is a full one.
 * The caller's clock dates the refill: instances' clocks must agree (NTP); a skew of d ms grants
 * at most d ms of refill once.
 */
export class RedisRateLimitStore implements RateLimitStore {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
  ) {}

  async sync(now: number, batches: readonly SyncBatch[]): Promise<number[][]> {
    const calls: { keys: string[]; args: (string | number)[] }[] = [];
    let call = { keys: [] as string[], args: [now] as (string | number)[] };
    for (const { table, limit, ids, consumed } of batches) {
      for (let start = 0; start < ids.length; ) {
        const count = Math.min(ids.length - start, KEYS_PER_CALL - call.keys.length);
        call.args.push(limit.rate / 1000, limit.burst, idleTtlMs(limit.rate, limit.burst), count);
        for (let i = start; i < start + count; i++) {
          call.keys.push(`${this.keyPrefix}:{rl}:${table}:${ids[i]}`);
          call.args.push(consumed[i]);
        }
        start += count;
        if (call.keys.length === KEYS_PER_CALL) {
          calls.push(call);
          call = { keys: [], args: [now] };
        }
      }
    }
    if (call.keys.length > 0) calls.push(call);
    const replies = await Promise.all(calls.map(({ keys, args }) => this.redis.eval(SYNC, keys.length, ...keys, ...args) as Promise<string[]>));
    const tokens = replies.flat().map(Number);
    let offset = 0;
    return batches.map(({ ids }) => tokens.slice(offset, (offset += ids.length)));
  }
}
