import { applyDecorators, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { MergeRouteConfig } from '../../http/route-config.decorator.js';
import { CACHED_ROUTE } from '../cache.constants.js';

/**
 * `TInput` is the Fastify request on a controller route, and the method's first argument (the
 * query) on a provider, such as a `@QueryHandler`'s `execute`.
 */
export interface CachedOptions<TInput = FastifyRequest, TResult = unknown> {
  /** Namespace, for the default TTL and for stats; `api` on routes and `db` on providers by default. */
  namespace?: string;
  /** Seconds; the namespace's TTL by default. */
  ttl?: number;
  /** Tags derived from the input (params, query fields); their versions are read before the load. */
  tags?: (input: TInput) => string[];
  /**
   * Tags derived from the result (e.g. the ids it contains). A result whose tag this instance
   * has seen invalidated while it was being loaded is returned but not cached.
   */
  resultTags?: (result: TResult, input: TInput) => string[];
  /** Extra key inputs, e.g. the caller's identity for per-user data. */
  vary?: (input: TInput) => unknown;
  /** Routes only: Cache-Control sent with the response; `no-cache` (revalidate with the ETag) by default. */
  cacheControl?: string;
}

export type CachedRouteOptions = CachedOptions<FastifyRequest>;

/**
 * On a GET controller route: caches the serialized response with its ETag in the tiered cache;
 * hits are served by a Fastify hook before Nest's pipeline runs, so the route must not depend
 * on guards. On a provider method (a query handler's `execute`): caches its result, keyed by
 * class, method and the stable serialization of the first argument. Results must be JSON
 * values: a hit returns what `JSON.parse` gives back (a Date comes back as a string).
 */
export const Cached = <TInput = FastifyRequest, TResult = unknown>(options: CachedOptions<TInput, TResult> = {}): MethodDecorator =>
  applyDecorators(SetMetadata(CACHED_ROUTE, options), MergeRouteConfig({ [CACHED_ROUTE]: options }));
