import { applyDecorators, SetMetadata } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { CACHED_ROUTE } from '../cache.constants.js';

export interface CachedRouteOptions {
  /** Namespace, for the default TTL and for stats; `api` by default. */
  namespace?: string;
  /** Seconds; the namespace's TTL by default. */
  ttl?: number;
  /** Tags of the response, derived from the request (params, query). */
  tags?: (request: FastifyRequest) => string[];
  /** Extra key inputs, e.g. the caller's identity for per-user data. */
  vary?: (request: FastifyRequest) => unknown;
  /** Cache-Control sent with the response; `no-cache` (revalidate with the ETag) by default. */
  cacheControl?: string;
}

/**
 * Caches a GET route's serialized response with its ETag in the tiered cache. Hits are served
 * by a Fastify hook before Nest's pipeline runs, so the route must not depend on guards.
 */
export const Cached = (options: CachedRouteOptions = {}): MethodDecorator =>
  applyDecorators(SetMetadata(CACHED_ROUTE, options), RouteConfig({ [CACHED_ROUTE]: options }));
