import { BentoCache, bentostore } from 'bentocache';
import { memoryDriver } from 'bentocache/drivers/memory';
import { redisDriver } from 'bentocache/drivers/redis';
import KeyvRedis from '@keyv/redis';
import { createCache } from 'cache-manager';
import { Keyv } from 'keyv';
import { BENCH_REDIS_URL, BenchCaches } from './redis-tiered.js';

export const SUBJECTS = ['hotpath', 'bentocache', 'cache-manager'] as const;
export type Subject = (typeof SUBJECTS)[number];

export interface StampedeSubject {
  getOrSet(key: string, loader: () => Promise<unknown>): Promise<unknown>;
  close(): Promise<void>;
}

/** Each subject as an app process would set it up: memory in front of Redis. */
export function createSubject(subject: Subject, prefix: string): StampedeSubject {
  const url = new URL(BENCH_REDIS_URL);
  const connection = { host: url.hostname, port: Number(url.port || 6379) };
  if (subject === 'hotpath') {
    const caches = new BenchCaches(prefix);
    const cache = caches.create();
    return { getOrSet: (key, loader) => cache.getOrSet(cache.key('compute', key), loader, { namespace: 'compute' }), close: () => caches.close() };
  }
  if (subject === 'bentocache') {
    const bento = new BentoCache({ default: 'multi', stores: { multi: bentostore().useL1Layer(memoryDriver({})).useL2Layer(redisDriver({ connection: { ...connection, keyPrefix: `${prefix}:bento:` } })) } });
    return { getOrSet: (key, loader) => bento.getOrSet({ key, factory: loader }), close: () => bento.disconnectAll() };
  }
  const manager = createCache({ stores: [new Keyv({ store: new KeyvRedis(BENCH_REDIS_URL), namespace: `${prefix}:cm` })] });
  return { getOrSet: (key, loader) => manager.wrap(key, loader), close: () => manager.disconnect() };
}
