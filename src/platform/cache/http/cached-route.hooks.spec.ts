import Fastify from 'fastify';
import { CACHED_ROUTE } from '../cache.constants.js';
import type { CachedRouteOptions } from '../decorators/cached.decorator.js';
import { MemoryCacheBus } from '../stores/cache-bus.js';
import { MemoryL2Store } from '../stores/memory-l2-store.js';
import { TieredCache } from '../tiered-cache.js';
import { registerCachedRouteHooks } from './cached-route.hooks.js';

async function appWith(options: CachedRouteOptions) {
  const cache = new TieredCache(
    { keyPrefix: 't:c', defaultTtlSeconds: 60, namespaceTtlSeconds: {}, l1MaxItems: 100, l1MaxBytes: 1_000_000, earlyRefreshBeta: 1, graceSeconds: 30, softTimeoutMs: 50, lockTtlMs: 500 },
    new MemoryL2Store(),
    new MemoryCacheBus(),
  );
  const app = Fastify();
  registerCachedRouteHooks(app, cache);
  let runs = 0;
  app.get('/things/:id', { config: { [CACHED_ROUTE]: options } }, async (request) => ({ id: (request.params as { id: string }).id, supplierIds: ['s1'], run: ++runs }));
  await app.ready();
  return { app, cache };
}

describe('cached route hooks', () => {
  it('stores by result tags, and drops the entry when one of them is invalidated', async () => {
    const { app, cache } = await appWith({ resultTags: (body) => (body as { supplierIds: string[] }).supplierIds.map((id) => `supplier:${id}`) });
    const first = await app.inject('/things/1');
    expect(first.headers['x-cache']).toBe('MISS');
    expect(first.headers.etag).toMatch(/^"[\w-]+"$/);
    await new Promise((resolve) => setImmediate(resolve));
    const second = await app.inject('/things/1');
    expect(second.headers['x-cache']).toBe('HIT');
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.json()).toEqual(first.json());
    await cache.invalidateTags(['supplier:s1']);
    expect((await app.inject('/things/1')).json()).toMatchObject({ run: 2 });
  });

  it('answers uncached, never with an error, when deriving tags from the result throws', async () => {
    const { app } = await appWith({
      resultTags: () => {
        throw new Error('bad tag function');
      },
    });
    const first = await app.inject('/things/1');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ run: 1 });
    await new Promise((resolve) => setImmediate(resolve));
    const second = await app.inject('/things/1');
    expect(second.statusCode).toBe(200);
    expect(second.headers['x-cache']).toBe('MISS');
    expect(second.json()).toMatchObject({ run: 2 });
  });
});
