import { Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CACHED_ROUTE } from '../cache.constants.js';
import { type CacheEntry, etagOf } from '../cache-entry.js';
import type { CachedRouteOptions } from '../decorators/cached.decorator.js';
import type { Lookup, TieredCache } from '../tiered-cache.js';
import { handedRead, type PreRouterHits } from './pre-router-hits.js';
import { JSON_CONTENT_TYPE, writeHit } from './write-hit.js';

interface PendingStore {
  key: string;
  /** An expired entry within its grace period: the answer if the handler fails. */
  stale?: CacheEntry;
  /** Set when this request holds the cross-instance load lock for the key. */
  lockToken?: string;
  options: CachedRouteOptions;
  namespace: string;
  versions: Record<string, number>;
  started: number;
  /** Epoch ms when the handler started: the entry's age counts from here. */
  startedAt: number;
  /** Tag changes heard of before the handler started (see `TieredCache.changeMark`). */
  mark: number;
}

const PENDING = Symbol('hotpath:cache:pending');
type CachedRequest = FastifyRequest & { [PENDING]?: PendingStore };

const asList = (hooks: unknown): unknown[] => (hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks]);

/**
 * Serves `@Cached` routes from the tiered cache in a route-level preHandler (a hit never
 * enters Nest's pipeline and its body is sent as stored, never re-serialized) and stores the
 * body Nest serialized for a miss in onSend. Only 200 responses to GET/HEAD are stored; when
 * the handler fails (5xx) and an expired entry is still within its grace period, that entry
 * answers with `X-Cache: STALE`, as does a softly invalidated entry while another request
 * refreshes it. The
 * hooks are attached to cached routes only, so other routes pay nothing. With `preRouter`,
 * the URLs they resolve are remembered so that repeat hits skip Fastify altogether. Call
 * before the application registers its routes (before `init`/`listen`).
 */
export function registerCachedRouteHooks(fastify: FastifyInstance, cache: TieredCache, preRouter?: PreRouterHits): void {
  if (preRouter) fastify.addHook('onReady', (done) => (preRouter.install(fastify.server), done()));
  fastify.addHook('onRoute', (route) => {
    const options = (route.config as unknown as Record<string, CachedRouteOptions | undefined> | undefined)?.[CACHED_ROUTE];
    if (!options) return;
    const methods = ([] as string[]).concat(route.method);
    if (!methods.every((m) => m === 'GET' || m === 'HEAD')) throw new Error(`@Cached is for GET routes only: ${methods.join(',')} ${route.url}`);
    const hooks = route as unknown as { onRequest?: unknown; onSend?: unknown };
    hooks.onRequest = [...asList(hooks.onRequest), serveFromCache(cache, options, options.vary ? undefined : preRouter)];
    hooks.onSend = [...asList(hooks.onSend), storeResponse(cache)];
  });
}

const KEYS_REMEMBERED_PER_ROUTE = 10_000;

function serveFromCache(cache: TieredCache, options: CachedRouteOptions, preRouter: PreRouterHits | undefined) {
  const namespace = options.namespace ?? 'api';
  // Building a key (stable serialization + SHA-256) costs more than an L1 hit: remember it per
  // raw URL, which fixes params and query. Routes that vary by caller always build it. A plain
  // map, emptied when full: a forgotten key is only rebuilt, and a hit pays no recency update.
  const keysByUrl = new Map<string, string>();
  const keyOf = (request: FastifyRequest) => cache.key(namespace, { r: request.routeOptions.url, p: request.params, q: request.query, v: options.vary?.(request) });
  const cacheControl = options.cacheControl ?? 'no-cache';
  /** `read`: the L1 entry peeked at (fresh aside), or all that the pre-router's full read found. */
  const slowPath = async (request: CachedRequest, reply: FastifyReply, key: string, read: { found: Lookup | undefined; complete: boolean }): Promise<void> => {
    const found = read.complete ? read.found : (read.found ?? (await cache.lookup(key, namespace)));
    let hit = found?.state === 'fresh' ? found.entry : undefined;
    let cacheState = 'HIT';
    let lockToken: string | undefined;
    if (found?.state === 'soft' || found?.state === 'refresh') {
      // Softly invalidated, or picked for early refresh: one request (across instances)
      // recomputes, the others get the current body (marked STALE when it was invalidated).
      lockToken = await cache.tryLock(key);
      if (!lockToken) {
        hit = found.entry;
        if (found.state === 'soft') {
          cacheState = 'STALE';
          cache.stats.staleServed++;
        }
      }
    } else if (!found || found.state === 'stale') {
      // A miss: one instance runs the handler, the others wait for its response to land.
      const claim = await cache.claim(key);
      if (claim.kind === 'landed') hit = claim.entry;
      else if (claim.kind === 'owner') lockToken = claim.token;
    }
    if (hit) return sendEntry(request, reply, hit, cacheState, cacheControl);
    void reply.headers({ 'cache-control': cacheControl, 'x-cache': 'MISS' });
    const versions = await cache.versionsOf(options.tags?.(request) ?? []);
    const fallback = found?.state === 'stale' || found?.state === 'soft' ? found.entry : undefined;
    request[PENDING] = { key, options, namespace, versions, started: performance.now(), startedAt: Date.now(), mark: cache.changeMark(), stale: fallback, lockToken };
  };
  // Callback style: a fresh L1 hit is answered synchronously, without a promise.
  return (request: CachedRequest, reply: FastifyReply, done: (error?: Error) => void): void => {
    let key = options.vary ? keyOf(request) : keysByUrl.get(request.url);
    if (key === undefined) {
      key = keyOf(request);
      if (keysByUrl.size >= KEYS_REMEMBERED_PER_ROUTE) keysByUrl.clear();
      keysByUrl.set(request.url, key);
    }
    if (preRouter && request.method === 'GET') preRouter.remember(request.url, key, namespace, cacheControl);
    const handed = handedRead(request.raw, key);
    const peeked = handed ? handed.found : cache.peek(key, namespace);
    if (peeked?.state === 'fresh') return sendEntry(request, reply, peeked.entry, 'HIT', cacheControl);
    slowPath(request, reply, key, { found: peeked, complete: handed !== undefined }).then(
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
function sendEntry(request: FastifyRequest, reply: FastifyReply, entry: CacheEntry, cacheState: string, cacheControl: string): void {
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
  if (pending.lockToken) void cache.release(pending.key, pending.lockToken);
}

function finishMiss(cache: TieredCache, pending: PendingStore, reply: FastifyReply, payload: unknown): unknown {
  const { lockToken } = pending;
  if (lockToken && (reply.statusCode !== 200 || typeof payload !== 'string')) void cache.release(pending.key, lockToken);
  if (reply.statusCode >= 500 && pending.stale) {
    cache.stats.staleServed++;
    void reply.code(200).type(JSON_CONTENT_TYPE).header('etag', pending.stale.etag).header('x-cache', 'STALE');
    return pending.stale.raw;
  }
  if (reply.statusCode !== 200 || typeof payload !== 'string') return payload;
  const { options, namespace } = pending;
  const loadMs = performance.now() - pending.started;
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
    .resultTagVersions({ resultTags: (result) => resultTags(result, reply.request) }, body, pending.mark)
    .then((more) => {
      if (more) cache.store(pending.key, payload, { namespace, ttlSeconds: options.ttl }, { ...pending.versions, ...more }, loadMs, lockToken, pending.startedAt);
      else if (lockToken) void cache.release(pending.key, lockToken);
    })
    .catch((error: unknown) => failedStore(cache, pending, error));
  return payload;
}
