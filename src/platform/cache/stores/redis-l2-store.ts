import type { Redis } from 'ioredis';
import { deleteByPrefix } from '../../redis/index.js';
import { GetBatcher } from './get-batcher.js';
import type { L2Store, TagState } from './l2-store.js';

const RELEASE_IF_OWNER = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/**
 * Bumps the tags' versions (KEYS, their names in ARGV[3..]) and publishes the bus message
 * `{ from: ARGV[2], tags: { name: version } }` on ARGV[1], atomically: one round trip instead of
 * the bump's and then the publish's.
 */
const BUMP_AND_ANNOUNCE = `local versions, tags = {}, {}
for i, key in ipairs(KEYS) do
  versions[i] = redis.call('INCR', key)
  tags[ARGV[i + 2]] = versions[i]
end
redis.call('PUBLISH', ARGV[1], cjson.encode({ from = ARGV[2], tags = tags }))
return versions`;

/** L2 over the shared auto-pipelined connection: concurrent calls share round trips; reads of one tick share one MGET. */
export class RedisL2Store implements L2Store {
  private readonly reads: GetBatcher;

  constructor(
    private readonly redis: Redis,
    private readonly tagPrefix: string,
  ) {
    this.reads = new GetBatcher(redis);
  }

  get(key: string): Promise<string | undefined> {
    return this.reads.get(key);
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.redis.set(key, value, 'PX', Math.max(1, Math.round(ttlMs)));
  }

  async getMany(keys: string[]): Promise<(string | undefined)[]> {
    if (keys.length === 0) return [];
    return (await this.redis.mget(keys)).map((v) => v ?? undefined);
  }

  async setMany(items: { key: string; value: string; ttlMs: number }[]): Promise<void> {
    if (items.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const item of items) pipeline.set(item.key, item.value, 'PX', Math.max(1, Math.round(item.ttlMs)));
    for (const [error] of (await pipeline.exec()) ?? []) if (error) throw error;
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length) await this.redis.unlink(...keys);
  }

  async tagStates(tags: string[]): Promise<TagState[]> {
    if (tags.length === 0) return [];
    const values = await this.redis.mget(tags.flatMap((t) => [this.tagPrefix + t, `${this.tagPrefix}${t}:soft`]));
    return tags.map((_, i) => ({ version: Number(values[2 * i] ?? 0), softAt: Number(values[2 * i + 1] ?? 0) }));
  }

  async markSoft(tags: string[], at: number): Promise<void> {
    const pipeline = this.redis.pipeline();
    for (const tag of tags) pipeline.set(`${this.tagPrefix}${tag}:soft`, at);
    for (const [error] of (await pipeline.exec()) ?? []) if (error) throw error;
  }

  async bumpTags(tags: string[], announce?: { channel: string; from: string }): Promise<number[]> {
    if (announce) {
      const keys = tags.map((tag) => this.tagPrefix + tag);
      return (await this.redis.eval(BUMP_AND_ANNOUNCE, keys.length, ...keys, announce.channel, announce.from, ...tags)) as number[];
    }
    const pipeline = this.redis.pipeline();
    for (const tag of tags) pipeline.incr(this.tagPrefix + tag);
    const results = (await pipeline.exec()) ?? [];
    return results.map(([error, value]) => {
      if (error) throw error;
      return Number(value);
    });
  }

  async acquireLock(key: string, token: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(key, token, 'PX', ttlMs, 'NX')) === 'OK';
  }

  async releaseLock(key: string, token: string): Promise<void> {
    await this.redis.eval(RELEASE_IF_OWNER, 1, key, token);
  }

  deleteByPrefix(prefix: string): Promise<number> {
    return deleteByPrefix(this.redis, prefix);
  }
}
