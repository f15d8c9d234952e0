import Fastify, { type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { CACHED_ROUTE } from '../cache.constants.js';
import type { CachedRouteOptions } from '../decorators/cached.decorator.js';
import { MemoryCacheBus } from '../stores/cache-bus.js';
import { MemoryL2Store } from '../stores/memory-l2-store.js';
import { TieredCache } from '../tiered-cache.js';
import { registerCachedRouteHooks } from './cached-route.hooks.js';
import { PreRouterHits } from './pre-router-hits.js';

describe('pre-router hits', () => {
  let app: FastifyInstance;
  let cache: TieredCache;
  let hits: PreRouterHits;
  let base: string;
  /** Requests that reached Fastify's hooks. */
  let routed: string[];

  async function start(options: CachedRouteOptions = { tags: (request) => [`thing:${(request.params as { id: string }).id}`] }, earlyRefresh = false, l1MaxItems = 100) {
    cache = new TieredCache(
      { keyPrefix: 't:c', defaultTtlSeconds: 60, namespaceTtlSeconds: {}, l1MaxItems, l1MaxBytes: 1_000_000, earlyRefreshBeta: earlyRefresh ? 1 : 0, graceSeconds: 30, softTimeoutMs: 50, lockTtlMs: 500 },
      new MemoryL2Store(),
      new MemoryCacheBus(),
      // ln(1 - 1) = -Infinity: with early refresh on, every read of a live entry picks it.
      () => 1,
    );
    cache.listen();
    hits = new PreRouterHits(cache);
    app = Fastify();
    routed = [];
    app.addHook('onRequest', (request, reply, done) => {
      routed.push(`${request.method} ${request.url}`);
      void reply.header('x-request-id', request.id);
      done();
    });
    registerCachedRouteHooks(app, cache, hits);
    let runs = 0;
    app.get('/things/:id', { config: { [CACHED_ROUTE]: options } }, async (request) => ({ id: (request.params as { id: string }).id, run: ++runs }));
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  }

  /** The first GET of a URL is a miss through Fastify; its response lands in L1 just after. */
  async function missThenStored(path: string) {
    const first = await fetch(`${base}${path}`);
    expect(first.headers.get('x-cache')).toBe('MISS');
    await new Promise((resolve) => setImmediate(resolve));
    return first;
  }

  afterEach(() => app.close());

  it('answers a repeat GET before Fastify routes it, with the headers and body of a hit', async () => {
    await start();
    const first = await missThenStored('/things/1');
    const body = await first.text();
    const second = await fetch(`${base}/things/1`, { headers: { 'x-request-id': 'trace-7' } });
    expect(routed).toEqual(['GET /things/1']);
    expect(hits.served).toBe(1);
    expect(second.status).toBe(200);
    expect(await second.text()).toBe(body);
    expect(Object.fromEntries(second.headers)).toMatchObject({
      'x-cache': 'HIT',
      etag: first.headers.get('etag'),
      'cache-control': 'no-cache',
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      'x-request-id': 'trace-7',
    });
    const revalidated = await fetch(`${base}/things/1`, { headers: { 'if-none-match': first.headers.get('etag') as string } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(routed).toHaveLength(1);
  });

  it('hands Fastify what is not a fresh L1 hit: another method, an unknown URL, an invalidated entry', async () => {
    await start();
    await missThenStored('/things/1');
    expect((await fetch(`${base}/things/1`, { method: 'HEAD' })).headers.get('x-cache')).toBe('HIT');
    expect((await fetch(`${base}/things/2`)).headers.get('x-cache')).toBe('MISS');
    await cache.invalidateTags(['thing:1']);
    const after = await fetch(`${base}/things/1`);
    expect(after.headers.get('x-cache')).toBe('MISS');
    expect(await after.json()).toEqual({ id: '1', run: 3 });
    expect(routed).toEqual(['GET /things/1', 'HEAD /things/1', 'GET /things/2', 'GET /things/1']);
    expect(hits.served).toBe(0);
  });

  it('answers from L2 before Fastify when the entry of a known URL has left L1', async () => {
    await start(undefined, false, 1);
    const body = await (await missThenStored('/things/1')).text();
    // L1 holds one entry: the second thing's pushes the first one out (it stays in L2).
    await missThenStored('/things/2');
    const second = await fetch(`${base}/things/1`);
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(await second.text()).toBe(body);
    expect(routed).toEqual(['GET /things/1', 'GET /things/2']);
    expect(hits.served).toBe(1);
    expect(cache.stats.hits.api).toEqual({ l1: 0, l2: 1 });
  });

  it('hands a miss it read to the route, which reads no more (the miss counts once)', async () => {
    await start();
    await missThenStored('/things/1');
    await cache.invalidateTags(['thing:1']);
    const missesBefore = cache.stats.misses.api ?? 0;
    const after = await fetch(`${base}/things/1`);
    expect(after.headers.get('x-cache')).toBe('MISS');
    expect(await after.json()).toEqual({ id: '1', run: 2 });
    expect(cache.stats.misses.api).toBe(missesBefore + 1);
    expect(routed).toEqual(['GET /things/1', 'GET /things/1']);
  });

  it('hands what it read to the route: an early refresh it picked stands, and the read counts once', async () => {
    await start(undefined, true);
    await missThenStored('/things/1');
    const hitsBefore = cache.stats.hits.api?.l1 ?? 0;
    const refreshed = await fetch(`${base}/things/1`);
    expect(refreshed.headers.get('x-cache')).toBe('MISS');
    expect(await refreshed.json()).toEqual({ id: '1', run: 2 });
    expect(cache.stats.earlyRefreshes).toBe(1);
    expect(cache.stats.hits.api?.l1).toBe(hitsBefore + 1);
    expect(hits.served).toBe(0);
  });

  it('never answers for a route that varies by caller', async () => {
    await start({ vary: (request) => request.headers.authorization ?? '' });
    await missThenStored('/things/1');
    expect((await fetch(`${base}/things/1`)).headers.get('x-cache')).toBe('HIT');
    expect(routed).toHaveLength(2);
    expect(hits.served).toBe(0);
  });

  it('hands every request to Fastify once shutdown has begun', async () => {
    await start();
    await missThenStored('/things/1');
    hits.onModuleDestroy();
    expect((await fetch(`${base}/things/1`)).headers.get('x-cache')).toBe('HIT');
    expect(routed).toHaveLength(2);
    expect(hits.served).toBe(0);
  });

  it('stays out of a server that has more than one request listener', async () => {
    await start();
    const other = () => undefined;
    app.server.on('request', other);
    const before = app.server.listeners('request');
    hits.install(app.server);
    expect(app.server.listeners('request')).toEqual(before);
    app.server.removeListener('request', other);
  });
});
