import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { CACHED_ROUTE } from '../cache.constants.js';
import type { CacheEntry } from '../cache-entry.js';
import type { CachedRouteOptions } from '../decorators/cached.decorator.js';
import type { TieredCache } from '../tiered-cache.js';

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
 * hooks are attached to cached routes only, so other routes pay nothing. Call before the
 * application registers its routes (before `init`/`listen`).
 */
export function registerCachedRouteHooks(fastify: FastifyInstance, cache: TieredCache): void {
  fastify.addHook('onRoute', (route) => {
    const options = (route.config as unknown as Record<string, CachedRouteOptions | undefined> | undefined)?.[CACHED_ROUTE];
    if (!options) return;
    const methods = ([] as string[]).concat(route.method);
    if (!methods.every((m) => m === 'GET' || m === 'HEAD')) throw new Error(`@Cached is for GET routes only: ${methods.join(',')} ${route.url}`);
    const hooks = route as unknown as { preHandler?: unknown; onSend?: unknown };
    hooks.preHandler = [...asList(hooks.preHandler), serveFromCache(cache, options)];
    hooks.onSend = [...asList(hooks.onSend), storeResponse(cache)];
  });
}

const KEYS_REMEMBERED_PER_ROUTE = 10_000;

function serveFromCache(cache: TieredCache, options: CachedRouteOptions) {
  const namespace = options.namespace ?? 'api';
  // Building a key (stable serialization + SHA-256) costs more than an L1 hit: remember it per
  // raw URL, which fixes params and query. Routes that vary by caller always build it.
  const keysByUrl = new LRUCache<string, string>({ max: KEYS_REMEMBERED_PER_ROUTE });
  const keyOf = (request: FastifyRequest) => cache.key(namespace, { r: request.routeOptions.url, p: request.params, q: request.query, v: options.vary?.(request) });
  return async (request: CachedRequest, reply: FastifyReply) => {
    let key = options.vary ? keyOf(request) : keysByUrl.get(request.url);
    if (key === undefined) {
      key = keyOf(request);
      keysByUrl.set(request.url, key);
    }
    const found = await cache.lookup(key, namespace);
    void reply.header('cache-control', options.cacheControl ?? 'no-cache');
    // A `refresh` lookup makes this request recompute the entry (XFetch); others keep hitting.
    let hit = found?.state === 'fresh' ? found.entry : undefined;
    let cacheState = 'HIT';
    let lockToken: string | undefined;
    if (found?.state === 'soft') {
      // Softly invalidated: one request (across instances) refreshes, the others get the old body.
      lockToken = await cache.tryLock(key);
      if (!lockToken) {
        hit = found.entry;
        cacheState = 'STALE';
        cache.stats.staleServed++;
      }
    } else if (!found || found.state === 'stale') {
      // A miss: one instance runs the handler, the others wait for its response to land.
      const claim = await cache.claim(key);
      if (claim.kind === 'landed') hit = claim.entry;
      else if (claim.kind === 'owner') lockToken = claim.token;
    }
    if (hit) {
      void reply.header('etag', hit.etag).header('x-cache', cacheState);
      if (request.headers['if-none-match'] === hit.etag) return reply.code(304).send();
      return reply.type('application/json; charset=utf-8').send(hit.raw);
    }
    void reply.header('x-cache', 'MISS');
    const versions = await cache.versionsOf(options.tags?.(request) ?? []);
    const fallback = found?.state === 'stale' || found?.state === 'soft' ? found.entry : undefined;
    request[PENDING] = { key, options, namespace, versions, started: performance.now(), stale: fallback, lockToken };
  };
}

function storeResponse(cache: TieredCache) {
  return async (request: CachedRequest, reply: FastifyReply, payload: unknown) => {
    const pending = request[PENDING];
    if (!pending) return payload;
    const { lockToken } = pending;
    if (lockToken && (reply.statusCode !== 200 || typeof payload !== 'string')) void cache.release(pending.key, lockToken);
    if (reply.statusCode >= 500 && pending.stale) {
      cache.stats.staleServed++;
      void reply.code(200).type('application/json; charset=utf-8').header('etag', pending.stale.etag).header('x-cache', 'STALE');
      return pending.stale.raw;
    }
    if (reply.statusCode !== 200 || typeof payload !== 'string') return payload;
    const { options, namespace } = pending;
    const entry = cache.store(pending.key, payload, { namespace, ttlSeconds: options.ttl }, pending.versions, performance.now() - pending.started, lockToken);
    void reply.header('etag', entry.etag);
    return payload;
  };
}
