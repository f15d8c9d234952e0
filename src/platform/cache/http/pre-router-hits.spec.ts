import { Injectable } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import Fastify, { type FastifyInstance } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../../errors/index.js';
import { RequestGateProvider, RequestGates } from '../../http/index.js';
import { CACHED_ROUTE } from '../cache.constants.js';
import type { CachedRouteOptions } from '../decorators/cached-route.decorator.js';
import { MemoryCacheBus } from '../stores/cache-bus.js';
import { MemoryL2Store } from '../stores/memory-l2-store.js';
import { TieredCache } from '../tiered-cache.js';
import { registerCachedRouteHooks } from './cached-route.hooks.js';
import { recordAppHooks } from './pre-route-checks.js';
import { PreRouterHits, UnsafePreRoutingError } from './pre-router-hits.js';

class TooMany extends AppError {
  readonly code = 'TEST.TOO_MANY';
  readonly kind = 'rate_limited' as const;
}

/** Requests the test gate saw, and whether it refuses or waits. */
let gateSaw: string[];
let gateMode: 'pass' | 'refuse' | 'wait';

@Injectable()
@RequestGateProvider(10)
class CountingGate {
  check(request: IncomingMessage, response: ServerResponse): void | Promise<void> {
    gateSaw.push(`${request.method} ${request.url}`);
    response.setHeader('x-gate', String(gateSaw.length));
    if (gateMode === 'refuse') throw new TooMany('slow down');
    if (gateMode === 'wait') return new Promise<void>((resolve) => setImmediate(resolve));
  }
}

const thingRoute: CachedRouteOptions<string> = { input: (request) => (request.params as { id: string }).id.toLowerCase(), tags: (id) => [`thing:${id}`], preRoute: true };

describe('pre-router hits', () => {
  let app: FastifyInstance;
  let cache: TieredCache;
  let hits: PreRouterHits;
  let base: string;
  /** Requests that reached Fastify's hooks. */
  let routed: string[];

  async function start(options: CachedRouteOptions<string> = thingRoute, earlyRefresh = false, l1MaxItems = 100, extraHook = false) {
    cache = new TieredCache(
      { keyPrefix: 't:c', defaultTtlSeconds: 60, namespaceTtlSeconds: {}, l1MaxItems, l1MaxBytes: 1_000_000, earlyRefreshBeta: earlyRefresh ? 1 : 0, graceSeconds: 30, softTimeoutMs: 50, lockTtlMs: 500 },
      new MemoryL2Store(),
      new MemoryCacheBus(),
      // ln(1 - 1) = -Infinity: with early refresh on, every read of a live entry picks it.
      () => 1,
    );
    cache.listen();
    const gatesModule = await Test.createTestingModule({ imports: [DiscoveryModule], providers: [RequestGates, CountingGate] }).compile();
    await gatesModule.init();
    const gates = gatesModule.get(RequestGates);
    hits = new PreRouterHits(cache, gates);
    app = Fastify();
    const appHooks = recordAppHooks(app);
    routed = [];
    app.addHook('onRequest', gates.hook);
    app.addHook('onRequest', function recordRouted(request, reply, done) {
      routed.push(`${request.method} ${request.url}`);
      void reply.header('x-request-id', request.id);
      done();
    });
    if (extraHook) app.addHook('preHandler', function checkSomething(_request, _reply, done) {
      done();
    });
    registerCachedRouteHooks(app, cache, hits);
    app.addHook('onReady', function installPreRouter(done) {
      try {
        hits.install(app, appHooks, ['recordRouted']);
      } catch (error) {
        return done(error as Error);
      }
      done();
    });
    let runs = 0;
    app.get('/things/:id', { config: { [CACHED_ROUTE]: options } }, async (request) => ({ id: (request.params as { id: string }).id, run: ++runs }));
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  }

  beforeEach(() => {
    gateSaw = [];
    gateMode = 'pass';
  });

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

  it('never answers for a route that varies by a header, or that did not opt in', async () => {
    for (const options of [{ ...thingRoute, vary: ['accept-language'] }, { ...thingRoute, preRoute: false }]) {
      await start(options);
      await missThenStored('/things/1');
      expect((await fetch(`${base}/things/1`)).headers.get('x-cache')).toBe('HIT');
      expect(routed).toHaveLength(2);
      expect(hits.served).toBe(0);
      await app.close();
    }
    await start();
  });

  it('runs the request gates before a pre-routed hit, once, and sends the headers they set with it', async () => {
    await start();
    await missThenStored('/things/1');
    const hit = await fetch(`${base}/things/1`);
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect(hits.served).toBe(1);
    expect(gateSaw).toEqual(['GET /things/1', 'GET /things/1']);
    expect(hit.headers.get('x-gate')).toBe('2');
  });

  it('answers a request a gate refuses with the error body, before reading the cache', async () => {
    await start();
    await missThenStored('/things/1');
    const hitsBefore = cache.stats.hits.api?.l1 ?? 0;
    gateMode = 'refuse';
    const refused = await fetch(`${base}/things/1`, { headers: { 'x-request-id': 'trace-9' } });
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({ statusCode: 429, code: 'TEST.TOO_MANY', message: 'slow down' });
    expect(refused.headers.get('x-gate')).toBe('2');
    expect(refused.headers.get('x-request-id')).toBe('trace-9');
    expect(cache.stats.hits.api?.l1 ?? 0).toBe(hitsBefore);
    expect(routed).toEqual(['GET /things/1']);
  });

  it('hands a request whose gate must wait to Fastify, which resumes after it without running it again', async () => {
    await start();
    await missThenStored('/things/1');
    gateMode = 'wait';
    const hit = await fetch(`${base}/things/1`);
    expect(hit.status).toBe(200);
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect(gateSaw).toEqual(['GET /things/1', 'GET /things/1']);
    expect(routed).toEqual(['GET /things/1', 'GET /things/1']);
    expect(hits.served).toBe(0);
  });

  it('refuses to start when an app-level hook would be skipped for pre-routed hits, naming it', async () => {
    await expect(start(thingRoute, false, 100, true)).rejects.toThrow(UnsafePreRoutingError);
    await expect(start(thingRoute, false, 100, true)).rejects.toThrow(/preHandler:checkSomething/);
    await start();
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
    hits.install(app, new Map(), ['recordRouted']);
    expect(app.server.listeners('request')).toEqual(before);
    app.server.removeListener('request', other);
  });
});
