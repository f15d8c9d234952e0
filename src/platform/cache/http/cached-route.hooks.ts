import { Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CACHED_ROUTE } from '../cache.constants.js';
import { type CacheEntry, etagOf } from '../cache-entry.js';
import type { RouteCounters } from '../cache-stats.js';
import type { CachedRouteOptions } from '../decorators/cached-route.decorator.js';
import type { Lookup, TieredCache } from '../tiered-cache.js';
import { handedRead, type PreRouterHits } from './pre-router-hits.js';
import { JSON_CONTENT_TYPE, writeHit } from './write-hit.js';

type RouteOptions = CachedRouteOptions<unknown, unknown>;

export class InvalidCachedRouteError extends Error {}

interface PendingStore {
  key: string;
  input: unknown;
  /** An expired entry within its grace period: the answer if the handler fails. */
  stale?: CacheEntry;
  /** Set when this request holds the cross-instance load lock for the key. */
  lockToken?: string;
  options: RouteOptions;
  namespace: string;
  counters: RouteCounters;
  versions: Record<string, number>;
  started: number;
  /** Epoch ms when the handler started: the entry's age counts from here. */
  startedAt: number;
  /** Tag changes heard of before the handler started (see `TieredCache.changeMark`). */
  mark: number;
}

/** A request of a cached route: its key, and the validated input the key and tags come from. */
interface Resolved {
  key: string;
  input: unknown;
}

const PENDING = Symbol('hotpath:cache:pending');
type CachedRequest = FastifyRequest & { [PENDING]?: PendingStore };

const asList = (hooks: unknown): unknown[] => (hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks]);

/**
 * Serves `@CachedRoute` routes from the tiered cache in a route-level onRequest hook (a hit
 * never enters Nest's pipeline and its body is sent as stored, never re-serialized) and stores
 * the body Nest serialized for a miss in onSend. Keys and tags come only from the route's
 * validated input: a request it refuses goes to the route uncached. Only 200 responses to GET
 * are stored; HEAD never takes the load lock. When the handler fails (5xx) and an expired entry
 * is still within its grace period, that entry answers with `X-Cache: STALE`, as does a softly
 * invalidated entry while another request refreshes it. The hooks are attached to cached routes
 * only, so other routes pay nothing. With `preRouter`, the URLs of routes that opt in are
 * remembered so that repeat hits skip Fastify. Call before routes are registered.
 */
export function registerCachedRouteHooks(fastify: FastifyInstance, cache: TieredCache, preRouter?: PreRouterHits): void {
  fastify.addHook('onRoute', (route) => {
    const options = (route.config as unknown as Record<string, RouteOptions | undefined> | undefined)?.[CACHED_ROUTE];
    if (!options) return;
    const methods = ([] as string[]).concat(route.method);
    if (!methods.every((m) => m === 'GET' || m === 'HEAD')) throw new InvalidCachedRouteError(`@CachedRoute is for GET routes only: ${methods.join(',')} ${route.url}`);
    if (!options.input && route.url.includes(':')) throw new InvalidCachedRouteError(`@CachedRoute on ${route.url} has path parameters but no input(): its key would ignore them`);
    const hooks = route as unknown as { onRequest?: unknown; onSend?: unknown };
    const preRouted = options.preRoute && !options.vary?.length ? preRouter : undefined;
    hooks.onRequest = [...asList(hooks.onRequest), serveFromCache(cache, options, route.url, preRouted)];
    hooks.onSend = [...asList(hooks.onSend), storeResponse(cache)];
  });
}

const KEYS_REMEMBERED_PER_ROUTE = 10_000;

function serveFromCache(cache: TieredCache, options: RouteOptions, routeUrl: string, preRouter: PreRouterHits | undefined) {
  const namespace = options.namespace ?? 'api';
  const cacheControl = options.cacheControl ?? 'no-cache';
  const vary = options.vary?.map((name) => name.toLowerCase());
  const varyHeader = vary?.length ? vary.join(', ') : undefined;
  const counters = cache.stats.route(routeUrl, namespace);
  const resolve = (request: FastifyRequest): Resolved | undefined => {
    let input: unknown;
    if (options.input) {
      try {
        input = options.input(request);
      } catch {
        // The route refuses the request itself (400): it leaves no key, entry or tag behind.
        return undefined;
      }
    } else if (request.url.includes('?')) return undefined;
    return { key: cache.key(namespace, { r: routeUrl, i: input, v: vary?.map((name) => request.headers[name] ?? null) }), input };
  };
  // Validating and building a key (stable serialization + SHA-256) costs more than an L1 hit:
  // remember it per raw URL, which fixes params and query. Routes that vary by headers always
  // build it. A plain map, emptied when full: a forgotten key is only rebuilt.
  const resolvedByUrl = new Map<string, Resolved>();
  /** `read`: the L1 entry peeked at (fresh aside), or all that the pre-router's full read found. */
  const slowPath = async (request: CachedRequest, reply: FastifyReply, resolved: Resolved, read: { found: Lookup | undefined; complete: boolean }): Promise<void> => {
    const { key, input } = resolved;
    const found = read.complete ? read.found : (read.found ?? (await cache.lookup(key, namespace)));
    const head = request.method === 'HEAD';
    let hit = found?.state === 'fresh' ? found.entry : undefined;
    let cacheState = 'HIT';
    let lockToken: string | undefined;
    if (found?.state === 'soft' || found?.state === 'refresh') {
      // Softly invalidated, or picked for early refresh: one request (across instances)
      // recomputes, the others get the current body (marked STALE when it was invalidated).
      lockToken = head ? undefined : await cache.tryLock(key);
      if (!lockToken) {
        hit = found.entry;
        if (found.state === 'soft') {
          cacheState = 'STALE';
          cache.stats.staleServed++;
        }
      }
    } else if (!head && (!found || found.state === 'stale')) {
      // A miss: one instance runs the handler, the others wait for its response to land.
      const claim = await cache.claim(key);
      if (claim.kind === 'landed') hit = claim.entry;
      else if (claim.kind === 'owner') lockToken = claim.token;
    }
    if (hit) return sendEntry(request, reply, hit, cacheState, cacheControl, counters);
    counters.misses++;
    void reply.headers({ 'cache-control': cacheControl, 'x-cache': 'MISS' });
    // HEAD never stores: it must not hold the lock others wait on for a body it does not send.
    if (head) return;
    const versions = await cache.versionsOf(options.tags?.(input) ?? []);
    const fallback = found?.state === 'stale' || found?.state === 'soft' ? found.entry : undefined;
    request[PENDING] = { key, input, options, namespace, counters, versions, started: performance.now(), startedAt: Date.now(), mark: cache.changeMark(), stale: fallback, lockToken };
  };
  // Callback style: a fresh L1 hit is answered synchronously, without a promise.
  return (request: CachedRequest, reply: FastifyReply, done: (error?: Error) => void): void => {
    let resolved = varyHeader ? undefined : resolvedByUrl.get(request.url);
    if (resolved === undefined) {
      resolved = resolve(request);
      if (resolved === undefined) return done();
      if (!varyHeader) {
        if (resolvedByUrl.size >= KEYS_REMEMBERED_PER_ROUTE) resolvedByUrl.clear();
        resolvedByUrl.set(request.url, resolved);
      }
    }
    if (varyHeader) {
      const earlier = reply.getHeader('vary');
      void reply.header('vary', earlier ? `${String(earlier)}, ${varyHeader}` : varyHeader);
    }
    const { key } = resolved;
    if (preRouter && request.method === 'GET' && !preRouter.knows(request.url, key)) preRouter.remember(request.url, key, namespace, cacheControl, request.routeOptions.config as unknown as Record<string, unknown>, counters);
    const handed = handedRead(request.raw, key);
    const peeked = handed ? handed.found : cache.peek(key, namespace);
    if (peeked?.state === 'fresh') return sendEntry(request, reply, peeked.entry, 'HIT', cacheControl, counters);
    slowPath(request, reply, resolved, { found: peeked, complete: handed !== undefined }).then(
      () => (reply.sent ? undefined : done()),
      (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
    );
  };
}

/** Headers a hit sets itself: the same names set earlier on the reply are not sent twice. */
const HIT_HEADERS = new Set(['cache-control', 'etag', 'x-cache', 'content-type', 'content-length']);

/**
 * Writes a hit to Node's response (`writeHit`): no Fastify header bookkeeping, serializer
 * checks or onSend hooks (onResponse hooks still run, on `finish`). Headers that earlier
 * hooks set on the reply (such as `x-request-id`) go out too.
 */
function sendEntry(request: FastifyRequest, reply: FastifyReply, entry: CacheEntry, cacheState: string, cacheControl: string, counters: RouteCounters): void {
  if (cacheState === 'STALE') counters.stale++;
  else counters.hits++;
  const headers: (string | number)[] = [];
  const earlier = reply.getHeaders();
  for (const name in earlier) {
    const value = earlier[name];
    if (value === undefined || HIT_HEADERS.has(name)) continue;
    if (Array.isArray(value)) for (const item of value) headers.push(name, item);
    else headers.push(name, value);
  }
  void reply.hijack();
  writeHit(request.raw, reply.raw, entry, cacheState, cacheControl, headers);
}

function storeResponse(cache: TieredCache) {
  // Callback style, not async: a hit passes through without allocating a promise.
  return (request: CachedRequest, reply: FastifyReply, payload: unknown, done: (error: Error | null, payload: unknown) => void): void => {
    const pending = request[PENDING];
    if (!pending) return done(null, payload);
    let sent = payload;
    try {
      sent = finishMiss(cache, pending, reply, payload);
    } catch (error) {
      // Caching must never fail a response: it goes out uncached.
      failedStore(cache, pending, error);
    }
    done(null, sent);
  };
}

const logger = new Logger('Cache');

function failedStore(cache: TieredCache, pending: PendingStore, error: unknown): void {
  logger.warn({ msg: 'response not cached', key: pending.key, error: String(error) });
  if (pending.lockToken) void cache.abandon(pending.key, pending.lockToken);
}

function finishMiss(cache: TieredCache, pending: PendingStore, reply: FastifyReply, payload: unknown): unknown {
  const { lockToken } = pending;
  if (lockToken && (reply.statusCode !== 200 || typeof payload !== 'string')) void cache.abandon(pending.key, lockToken);
  if (reply.statusCode >= 500 && pending.stale) {
    cache.stats.staleServed++;
    pending.counters.stale++;
    void reply.code(200).type(JSON_CONTENT_TYPE).header('etag', pending.stale.etag).header('x-cache', 'STALE');
    return pending.stale.raw;
  }
  if (reply.statusCode !== 200 || typeof payload !== 'string') return payload;
  const { options, namespace, input } = pending;
  const loadMs = performance.now() - pending.started;
  pending.counters.loads++;
  pending.counters.loadMs += loadMs;
  if (!options.resultTags) {
    const entry = cache.store(pending.key, payload, { namespace, ttlSeconds: options.ttl }, pending.versions, loadMs, lockToken, pending.startedAt);
    void reply.header('etag', entry.etag);
    return payload;
  }
  // Tags read off the body: stored once their versions are known, the response does not wait.
  void reply.header('etag', etagOf(payload));
  const { resultTags } = options;
  const body = JSON.parse(payload) as unknown;
  void cache
    .resultTagVersions({ resultTags: (result) => resultTags(result, input) }, body, pending.mark)
    .then((more) => {
      if (more) cache.store(pending.key, payload, { namespace, ttlSeconds: options.ttl }, { ...pending.versions, ...more }, loadMs, lockToken, pending.startedAt);
      else if (lockToken) void cache.abandon(pending.key, lockToken);
    })
    .catch((error: unknown) => failedStore(cache, pending, error));
  return payload;
}
