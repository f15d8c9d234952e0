import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { requestId } from '../../http/index.js';
import { logRequestCompleted, requestLogEnabled } from '../../logging/index.js';
import type { CacheEntry } from '../cache-entry.js';
import { type Lookup, TieredCache } from '../tiered-cache.js';
import { writeHit } from './write-hit.js';

interface KnownUrl {
  key: string;
  namespace: string;
  cacheControl: string;
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

/**
 * Hot path: answers a repeat GET from the cache before Fastify sees it. The route hook records
 * which cache key a raw URL of a `@Cached` route resolved to (routes that vary by caller are
 * never recorded); a later GET of that URL whose entry is fresh is written from Node's
 * `request` listener with the same headers, request id and log line as a hit through Fastify,
 * without Fastify's request and reply objects, routing or hooks (bench/RESULTS.md: 9–35% of
 * a hit's CPU). A fresh L1 entry answers synchronously; a URL whose entry left L1 (evicted,
 * or its tags unknown here) is read from L2 first, as the route would. Everything else — a
 * miss, an entry that is stale, softly invalidated or due for early refresh, another method,
 * an unknown URL, a shutdown under way — goes to Fastify with what was read. Fastify hooks do
 * not run for these hits: Hotpath's own are done here and Nest's do nothing for such a GET (no
 * middleware, CORS, security headers or versioning are set up). An app that adds a global
 * onRequest hook (authentication, rate limits) must turn this off (`CACHE_PRE_ROUTER=false`).
 */
@Injectable()
export class PreRouterHits implements OnModuleDestroy {
  private readonly logger = new Logger('PreRouterHits');
  private readonly urls = new Map<string, KnownUrl>();
  private stopped = false;
  /** Hits answered before routing. */
  served = 0;

  constructor(private readonly cache: TieredCache) {}

  remember(url: string, key: string, namespace: string, cacheControl: string): void {
    if (this.urls.get(url)?.key === key) return;
    if (this.urls.size >= URLS_REMEMBERED) this.urls.clear();
    this.urls.set(url, { key, namespace, cacheControl });
  }

  /** Puts the hit path in front of the server's one request listener (Fastify's). */
  install(server: Server): void {
    const listeners = server.listeners('request') as RequestListener[];
    if (listeners.length !== 1) {
      this.logger.warn({ msg: 'pre-router hits not installed: the server has other request listeners', listeners: listeners.length });
      return;
    }
    const [fastify] = listeners;
    server.removeListener('request', fastify);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => this.handle(request, response, fastify));
  }

  /** Nest answers 503 while shutting down: from now on every request goes to Fastify. */
  onModuleDestroy(): void {
    this.stopped = true;
  }

  private handle(request: IncomingMessage, response: ServerResponse, fastify: RequestListener): void {
    const known = request.method === 'GET' && !this.stopped ? this.urls.get(request.url as string) : undefined;
    if (!known) return fastify(request, response);
    const started = requestLogEnabled('info') ? performance.now() : undefined;
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
    const status = writeHit(request, response, entry, 'HIT', known.cacheControl, ['x-request-id', id]);
    if (started !== undefined) response.once('finish', () => logRequestCompleted(id, 'GET', request.url as string, status, performance.now() - started));
  }
}
