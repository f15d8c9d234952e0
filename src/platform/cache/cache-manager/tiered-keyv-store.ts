import { EventEmitter } from 'node:events';
import type { KeyvStoreAdapter, StoredData } from 'keyv';
import type { TieredCache } from '../tiered-cache.js';

/**
 * A Keyv store over the tiered cache, so `cache-manager` 7 (and with it `CACHE_MANAGER` and
 * Nest's `CacheInterceptor`) reads and writes the same two tiers as the rest of Hotpath.
 */
export class TieredKeyvStore extends EventEmitter implements KeyvStoreAdapter {
  readonly opts = {};
  namespace?: string;

  constructor(
    private readonly cache: TieredCache,
    private readonly cacheNamespace = 'manager',
  ) {
    super();
  }

  async get<Value>(key: string): Promise<StoredData<Value> | undefined> {
    return this.cache.get<StoredData<Value>>(this.key(key), this.cacheNamespace);
  }

  async set(key: string, value: unknown, ttl?: number): Promise<boolean> {
    await this.cache.set(this.key(key), value, { namespace: this.cacheNamespace, ttlSeconds: ttl ? ttl / 1000 : undefined });
    return true;
  }

  async delete(key: string): Promise<boolean> {
    await this.cache.delete(this.key(key));
    return true;
  }

  async clear(): Promise<void> {
    await this.cache.clearNamespace(this.cacheNamespace);
  }

  private key(key: string): string {
    return this.cache.key(this.cacheNamespace, key);
  }
}
