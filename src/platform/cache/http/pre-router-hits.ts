import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { type GateRoute, RequestGates, requestId, takeGateHeaders } from '../../http/index.js';
import { logRequestCompleted, requestLogEnabled } from '../../logging/index.js';
import type { CacheEntry } from '../cache-entry.js';
import type { RouteCounters } from '../cache-stats.js';
import { type Lookup, TieredCache } from '../tiered-cache.js';
import { unsafeAppHooks } from './pre-route-checks.js';
import { writeHit } from './write-hit.js';

interface KnownUrl {
  key: string;
  namespace: string;
  cacheControl: string;
  /** The route's config, for the request gates. */
  route: GateRoute;
  counters: RouteCounters;
}

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

const PEEKED = Symbol('hotpath:cache:peeked');
/** What the pre-router read for a key: the lookup, undefined for a miss. */
export interface HandedRead {
  key: string;
  found: Lookup | undefined;
}
type PeekedRequest = IncomingMessage & { [PEEKED]?: HandedRead };

/**
 * What the pre-router read for `key` and handed on (a miss, an entry softly invalidated, or
 * picked for early refresh), or undefined when it read nothing for it: the route uses it
 * instead of reading again, so the read counts once and XFetch's pick stands.
 */
export function handedRead(request: IncomingMessage, key: string): HandedRead | undefined {
  const handed = (request as PeekedRequest)[PEEKED];
  return handed?.key === key ? handed : undefined;
}

/** URLs remembered at most; the map is emptied when full (a forgotten URL goes through Fastify once more). */
const URLS_REMEMBERED = 50_000;

export class UnsafePreRoutingError extends Error {}

/**
 * Hot path: answers a repeat GET of a route that opted in (`@CachedRoute({ preRoute: true })`)
 * from the cache before Fastify routes it. The route hook records which cache key a raw URL
 * resolved to; a later GET of that URL first passes the request gates (authentication, rate
 * limits, security headers — the same ones Fastify runs), then, when its entry is fresh, is
 * written from Node's `request` listener with the same headers, request id and log line as a
 * hit through Fastify, without Fastify's request and reply objects, routing or hooks. A fresh
 * L1 entry answers synchronously; a URL whose entry left L1 is read from L2 first, as the route
 * would. Everything else — a miss, an entry that is stale, softly invalidated or due for early
 * refresh, a gate that must wait, another method, an unknown URL, a shutdown under way — goes
 * to Fastify with what was read (the gates already passed do not run again). Start-up fails when
 * an app-level Fastify hook that is not on `allowedHooks` would be skipped for these hits.
 */
@Injectable()
export class PreRouterHits implements OnModuleDestroy {
  private readonly logger = new Logger('PreRouterHits');
  private readonly urls = new Map<string, KnownUrl>();
  private stopped = false;
  /** Hits answered before routing. */
  served = 0;

  constructor(
    private readonly cache: TieredCache,
    private readonly gates: RequestGates,
  ) {}

  knows(url: string, key: string): boolean {
    return this.urls.get(url)?.key === key;
  }

  remember(url: string, key: string, namespace: string, cacheControl: string, route: GateRoute, counters: RouteCounters): void {
    if (this.urls.size >= URLS_REMEMBERED) this.urls.clear();
    this.urls.set(url, { key, namespace, cacheControl, route, counters });
  }

  /**
   * Puts the hit path in front of the server's one request listener (Fastify's), after
   * checking that every app-level Fastify hook (`recordAppHooks`) is one the pre-router
   * replicates: the gates' hook, or one named in `allowedHooks`.
   */
  install(fastify: FastifyInstance, appHooks: ReadonlyMap<(...args: never[]) => unknown, string>, allowedHooks: readonly string[]): void {
    const unsafe = unsafeAppHooks(appHooks as ReadonlyMap<(...args: unknown[]) => unknown, string>, [this.gates.hook], allowedHooks);
    if (unsafe.length > 0) {
      throw new UnsafePreRoutingError(
        `Pre-routed cache hits would skip these app-level Fastify hooks: ${unsafe.join(', ')}. Make them request gates (@RequestGateProvider), add them to the cache's allowedHooks if pre-routed hits need not run them, or turn pre-routing off.`,
      );
    }
    const server: Server = fastify.server;
    const listeners = server.listeners('request') as RequestListener[];
    if (listeners.length !== 1) {
      this.logger.warn({ msg: 'pre-router hits not installed: the server has other request listeners', listeners: listeners.length });
      return;
    }
    const [routed] = listeners;
    server.removeListener('request', routed);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => this.handle(request, response, routed));
  }

  /** Nest answers 503 while shutting down: from now on every request goes to Fastify. */
  onModuleDestroy(): void {
    this.stopped = true;
  }

  private handle(request: IncomingMessage, response: ServerResponse, fastify: RequestListener): void {
    const known = request.method === 'GET' && !this.stopped ? this.urls.get(request.url as string) : undefined;
    if (!known) return fastify(request, response);
    const started = requestLogEnabled('info') ? performance.now() : undefined;
    const gated = this.gates.pass(request, response, known.route);
    if (gated !== true) {
      if (gated === 'wait') fastify(request, response);
      else if (started !== undefined) this.logOnFinish(request, response, started);
      return;
    }
    const peeked = this.cache.peek(known.key, known.namespace);
    if (peeked?.state === 'fresh') return this.write(request, response, known, peeked.entry, started);
    if (peeked) return this.handOn(request, response, fastify, known.key, peeked);
    this.cache.lookup(known.key, known.namespace).then(
      (found) => {
        if (response.destroyed) return;
        if (found?.state === 'fresh' && !this.stopped) this.write(request, response, known, found.entry, started);
        else this.handOn(request, response, fastify, known.key, found);
      },
      (error: unknown) => {
        this.logger.warn({ msg: 'pre-router read failed; the route answers', error: String(error) });
        fastify(request, response);
      },
    );
  }

  private handOn(request: IncomingMessage, response: ServerResponse, fastify: RequestListener, key: string, found: Lookup | undefined): void {
    (request as PeekedRequest)[PEEKED] = { key, found };
    fastify(request, response);
  }

  private write(request: IncomingMessage, response: ServerResponse, known: KnownUrl, entry: CacheEntry, started: number | undefined): void {
    const id = requestId(request);
    this.served++;
    known.counters.hits++;
    const headers = takeGateHeaders(response);
    headers.push('x-request-id', id);
    writeHit(request, response, entry, 'HIT', known.cacheControl, headers);
    if (started !== undefined) this.logOnFinish(request, response, started);
  }

  private logOnFinish(request: IncomingMessage, response: ServerResponse, started: number): void {
    response.once('finish', () => logRequestCompleted(requestId(request), 'GET', request.url as string, response.statusCode, performance.now() - started));
  }
}
