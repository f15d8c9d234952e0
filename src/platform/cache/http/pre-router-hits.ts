import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { requestId } from '../../http/index.js';
import { logRequestCompleted, requestLogEnabled } from '../../logging/index.js';
import { type Lookup, TieredCache } from '../tiered-cache.js';
import { writeHit } from './write-hit.js';

interface KnownUrl {
  key: string;
  namespace: string;
  cacheControl: string;
}

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

const PEEKED = Symbol('hotpath:cache:peeked');
type PeekedRequest = IncomingMessage & { [PEEKED]?: { key: string; found: Lookup } };

/**
 * What the pre-router read for `key` and handed on (an entry softly invalidated, or picked
 * for early refresh): the route uses it instead of reading L1 again, so the read counts once
 * and XFetch's pick stands.
 */
export function handedLookup(request: IncomingMessage, key: string): Lookup | undefined {
  const handed = (request as PeekedRequest)[PEEKED];
  return handed?.key === key ? handed.found : undefined;
}

/** URLs remembered at most; the map is emptied when full (a forgotten URL goes through Fastify once more). */
const URLS_REMEMBERED = 50_000;

/**
 * Hot path: answers a repeat GET from L1 before Fastify sees it. The route hook records which
 * cache key a raw URL of a `@Cached` route resolved to (routes that vary by caller are never
 * recorded); a later GET of that URL whose entry is fresh in L1 is written from Node's
 * `request` listener with the same headers, request id and log line as a hit through Fastify,
 * without Fastify's request and reply objects, routing or hooks (bench/RESULTS.md: 9–35% of
 * a hit's CPU). Everything else — a miss, an entry that is stale, softly invalidated
 * or due for early refresh, another method, an unknown URL, a shutdown under way — goes to
 * Fastify as before. Fastify hooks do not run for these hits: Hotpath's own are done here and
 * Nest's do nothing for such a GET (no middleware, CORS, security headers or versioning are
 * set up). An app that adds a global onRequest hook (authentication, rate limits) must turn
 * this off (`CACHE_PRE_ROUTER=false`).
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
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      if (!this.answer(request, response)) fastify(request, response);
    });
  }

  /** Nest answers 503 while shutting down: from now on every request goes to Fastify. */
  onModuleDestroy(): void {
    this.stopped = true;
  }

  private answer(request: IncomingMessage, response: ServerResponse): boolean {
    if (request.method !== 'GET' || this.stopped) return false;
    const known = this.urls.get(request.url as string);
    if (!known) return false;
    const found = this.cache.peek(known.key, known.namespace);
    if (found?.state !== 'fresh') {
      if (found) (request as PeekedRequest)[PEEKED] = { key: known.key, found };
      return false;
    }
    const started = requestLogEnabled('info') ? performance.now() : undefined;
    const id = requestId(request);
    this.served++;
    const status = writeHit(request, response, found.entry, 'HIT', known.cacheControl, ['x-request-id', id]);
    if (started !== undefined) response.once('finish', () => logRequestCompleted(id, 'GET', request.url as string, status, performance.now() - started));
    return true;
  }
}
