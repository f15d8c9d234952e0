import type { Type } from '@nestjs/common';

/** How the cache serves `@CachedRoute` routes. */
export interface CacheHttpOptions {
  /** False: no route is served from the cache (kill switch, uncached baselines). */
  enabled: boolean;
  /** Answer repeat GETs of routes that opt in (`preRoute`) before Fastify routes them. */
  preRouter: boolean;
  /**
   * Names of app-level Fastify hook functions that pre-routed hits may skip, because the
   * pre-router does their work itself (the request id, the request log line) or they do not
   * apply to a cached GET. Any other app-level hook makes start-up fail while pre-routing is on.
   */
  allowedHooks?: readonly string[];
  /** App-wide interceptors that need not run for a pre-routed hit (e.g. a request timeout). */
  allowedInterceptors?: readonly Type[];
}
