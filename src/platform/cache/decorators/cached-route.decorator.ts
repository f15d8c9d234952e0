import { applyDecorators, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { MergeRouteConfig } from '../../http/route-config.decorator.js';
import { CACHED_ROUTE } from '../cache.constants.js';

export interface CachedRouteOptions<TInput = undefined, TResult = unknown> {
  /** Namespace, for the default TTL and for stats; `api` by default. */
  namespace?: string;
  /** Seconds; the namespace's TTL by default. */
  ttl?: number;
  /**
   * The route's validated, normalised input (lower-case ids, canonical numbers and dates): the
   * only source of the cache key and of the tags. It throws for a request the route refuses;
   * such a request goes to the route uncached and leaves no key, entry or tag behind. A route
   * without it takes no input: one with path parameters refuses to start, and a request with
   * a query string goes to the route uncached.
   */
  input?: (request: FastifyRequest) => TInput;
  /** Tags derived from the input; their versions are read before the load. */
  tags?: (input: TInput) => string[];
  /**
   * Tags derived from the result (e.g. the ids it contains). A result whose tag this instance
   * has seen invalidated while it was being loaded is returned but not cached.
   */
  resultTags?: (result: TResult, input: TInput) => string[];
  /** Request headers the response varies by: part of the key, and sent as `Vary`. */
  vary?: readonly string[];
  /** Cache-Control sent with the response; `no-cache` (revalidate with the ETag) by default. */
  cacheControl?: string;
  /**
   * Answer repeat GETs from the cache before Fastify routes them (`PreRouterHits`), after the
   * request gates. Start-up fails for such a route with guards, interceptors, `vary`, or
   * app-level hooks the pre-router does not replicate.
   */
  preRoute?: boolean;
}

/**
 * On a GET controller route: caches the serialized response with its ETag in the tiered cache.
 * Hits are served by a Fastify hook before Nest's pipeline runs (guards, pipes and
 * interceptors do not run for them): authentication and limits belong in request gates.
 */
export const CachedRoute = <TInput = undefined, TResult = unknown>(options: CachedRouteOptions<TInput, TResult> = {}): MethodDecorator =>
  applyDecorators(SetMetadata(CACHED_ROUTE, options), MergeRouteConfig({ [CACHED_ROUTE]: options }));
