import Fastify from 'fastify';
import { CACHED_ROUTE } from '../cache.constants.js';
import type { CachedRouteOptions } from '../decorators/cached-route.decorator.js';
import { MemoryCacheBus } from '../stores/cache-bus.js';
import { MemoryL2Store } from '../stores/memory-l2-store.js';
import { TieredCache } from '../tiered-cache.js';
import { InvalidCachedRouteError, registerCachedRouteHooks } from './cached-route.hooks.js';

type Thing = { id: string; supplierIds: string[]; run: number };

const lowerCaseId = (request: { params: unknown }): string => {
  const { id } = request.params as { id: string };
  if (!/^[a-z0-9]+$/i.test(id)) throw new Error('invalid id');
  return id.toLowerCase();
};

function newCache(l2 = new MemoryL2Store(), bus = new MemoryCacheBus(), lockTtlMs = 500) {
  const cache = new TieredCache(
    { keyPrefix: 't:c', defaultTtlSeconds: 60, namespaceTtlSeconds: {}, l1MaxItems: 100, l1MaxBytes: 1_000_000, earlyRefreshBeta: 0, graceSeconds: 30, softTimeoutMs: 50, lockTtlMs },
    l2,
    bus,
  );
  cache.listen();
  return cache;
}

/** `answer` decides each run's response; by default a thing. */
async function appWith(options: CachedRouteOptions<string, Thing>, cache = newCache(), answer?: (run: number) => Promise<{ status: number; body: unknown }>) {
  const app = Fastify();
  registerCachedRouteHooks(app, cache);
  let runs = 0;
  app.get('/things/:id', { config: { [CACHED_ROUTE]: options } }, async (request, reply) => {
    const run = ++runs;
    if (answer) {
      const { status, body } = await answer(run);
      return reply.code(status).send(body);
    }
    return { id: (request.params as { id: string }).id, supplierIds: ['s1'], run };
  });
  await app.ready();
  return { app, cache, runs: () => runs };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('cached route hooks', () => {
  it('stores by result tags, and drops the entry when one of them is invalidated', async () => {
    const { app, cache } = await appWith({ input: lowerCaseId, resultTags: (body) => body.supplierIds.map((id) => `supplier:${id}`) });
    const first = await app.inject('/things/1');
    expect(first.headers['x-cache']).toBe('MISS');
    expect(first.headers.etag).toMatch(/^"[\w-]+"$/);
    await tick();
    const second = await app.inject('/things/1');
    expect(second.headers['x-cache']).toBe('HIT');
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.json()).toEqual(first.json());
    await cache.invalidateTags(['supplier:s1']);
    expect((await app.inject('/things/1')).json()).toMatchObject({ run: 2 });
  });

  it('answers uncached, never with an error, when deriving tags from the result throws', async () => {
    const { app } = await appWith({
      input: lowerCaseId,
      resultTags: () => {
        throw new Error('bad tag function');
      },
    });
    const first = await app.inject('/things/1');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ run: 1 });
    await tick();
    const second = await app.inject('/things/1');
    expect(second.statusCode).toBe(200);
    expect(second.headers['x-cache']).toBe('MISS');
    expect(second.json()).toMatchObject({ run: 2 });
  });

  it('keys and tags a request by its normalised input: other spellings of one id share its entry and its invalidation', async () => {
    const { app, cache } = await appWith({ input: lowerCaseId, tags: (id) => [`thing:${id}`] });
    await app.inject('/things/abc');
    await tick();
    expect((await app.inject('/things/ABC')).headers['x-cache']).toBe('HIT');
    expect((await app.inject('/things/abc?toString=1&__proto__=2')).headers['x-cache']).toBe('HIT');
    await cache.invalidateTags(['thing:abc']);
    expect((await app.inject('/things/ABC')).json()).toMatchObject({ run: 2 });
  });

  it('leaves no key, entry or tag behind for a request its input refuses', async () => {
    const { app, cache, runs } = await appWith({ input: lowerCaseId, tags: (id) => [`thing:${id}`] });
    for (let i = 0; i < 20; i++) {
      const response = await app.inject(`/things/bad-${i}!`);
      expect(response.headers['x-cache']).toBeUndefined();
    }
    expect(runs()).toBe(20);
    const report = cache.report();
    expect(report.l1.items).toBe(0);
    expect(report.tagsKnown).toBe(0);
    expect(report.namespaces).toEqual({});
  });

  it('refuses a route with path parameters and no input, whose key would ignore them', async () => {
    const app = Fastify();
    registerCachedRouteHooks(app, newCache());
    expect(() => app.get('/things/:id', { config: { [CACHED_ROUTE]: {} } }, async () => ({}))).toThrow(InvalidCachedRouteError);
  });

  it('caches a route without input only when the request has no query string', async () => {
    const app = Fastify();
    registerCachedRouteHooks(app, newCache());
    let runs = 0;
    app.get('/things', { config: { [CACHED_ROUTE]: {} } }, async () => ({ run: ++runs }));
    await app.inject('/things');
    await tick();
    expect((await app.inject('/things')).headers['x-cache']).toBe('HIT');
    expect((await app.inject('/things?x=1')).headers['x-cache']).toBeUndefined();
    expect(runs).toBe(2);
  });

  it('answers If-None-Match lists, weak tags and * with 304, as RFC 9110 says', async () => {
    const { app } = await appWith({ input: lowerCaseId });
    const { etag } = (await app.inject('/things/1')).headers as { etag: string };
    await tick();
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      expect((await app.inject({ url: '/things/1', headers: { 'if-none-match': ifNoneMatch } })).statusCode).toBe(304);
    }
    expect((await app.inject({ url: '/things/1', headers: { 'if-none-match': '"other"' } })).statusCode).toBe(200);
  });

  it('keys by the headers the route varies by, and says so in Vary on misses and hits', async () => {
    const { app, runs } = await appWith({ input: lowerCaseId, vary: ['Accept-Language'] });
    const miss = await app.inject({ url: '/things/1', headers: { 'accept-language': 'en' } });
    expect(miss.headers.vary).toBe('accept-language');
    await tick();
    const hit = await app.inject({ url: '/things/1', headers: { 'accept-language': 'en' } });
    expect(hit.headers['x-cache']).toBe('HIT');
    expect(hit.headers.vary).toBe('accept-language');
    expect((await app.inject({ url: '/things/1', headers: { 'accept-language': 'fr' } })).headers['x-cache']).toBe('MISS');
    expect(runs()).toBe(2);
  });

  it('never takes the load lock for a HEAD miss: a GET racing it loads at once', async () => {
    let releaseHead!: () => void;
    const headHeld = new Promise<void>((resolve) => (releaseHead = resolve));
    const { app, cache } = await appWith({ input: lowerCaseId }, newCache(new MemoryL2Store(), new MemoryCacheBus(), 60_000), async (run) => {
      if (run === 1) await headHeld;
      return { status: 200, body: { run } };
    });
    const head = app.inject({ method: 'HEAD', url: '/things/1' });
    await tick();
    const get = await app.inject('/things/1');
    expect(get.json()).toEqual({ run: 2 });
    expect(cache.stats.lockWaits).toBe(0);
    releaseHead();
    expect((await head).statusCode).toBe(200);
  });

  it('wakes the instances waiting on a lock holder that stores nothing, at once', async () => {
    const l2 = new MemoryL2Store();
    const bus = new MemoryCacheBus();
    // A lock TTL far above the test's timeout: only the wake-up can end the wait in time.
    let releaseOwner!: () => void;
    const ownerHeld = new Promise<void>((resolve) => (releaseOwner = resolve));
    const owner = await appWith({ input: lowerCaseId }, newCache(l2, bus, 120_000), async () => {
      await ownerHeld;
      return { status: 404, body: { code: 'NOT_FOUND' } };
    });
    const waiter = await appWith({ input: lowerCaseId }, newCache(l2, bus, 120_000), async (run) => ({ status: 200, body: { run } }));
    const ownerAnswer = owner.app.inject('/things/1');
    await tick();
    const waiterAnswer = waiter.app.inject('/things/1');
    await new Promise<void>((resolve) => {
      const poll = () => (waiter.cache.stats.lockWaits > 0 ? resolve() : setImmediate(poll));
      poll();
    });
    releaseOwner();
    expect((await ownerAnswer).statusCode).toBe(404);
    expect((await waiterAnswer).json()).toEqual({ run: 1 });
    expect(waiter.cache.report().keysAwaited).toBe(0);
  }, 10_000);
});
