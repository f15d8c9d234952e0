import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { CACHE_HTTP_OPTIONS } from '../cache.constants.js';
import { TieredCache } from '../tiered-cache.js';
import type { CacheHttpOptions } from './cache-http.options.js';
import { registerCachedRouteHooks } from './cached-route.hooks.js';
import { recordAppHooks, unsafeAdapterFeatures } from './pre-route-checks.js';
import { PreRouterHits, UnsafePreRoutingError } from './pre-router-hits.js';

/**
 * Attaches the cache's hooks to the app's Fastify instance when the module is created, before
 * Nest registers the routes (an onRoute hook must see them): nothing to call at bootstrap. A
 * process without HTTP gets none. The hooks Nest's adapter added before any module was created
 * do nothing unless one of its features is turned on (CORS, security headers, ...): with
 * pre-routing on, start-up fails when one is, or when a hook added later is not allowed.
 */
@Injectable()
export class CachedRouteHooks {
  constructor(adapterHost: HttpAdapterHost, cache: TieredCache, preRouter: PreRouterHits, @Inject(CACHE_HTTP_OPTIONS) options: CacheHttpOptions) {
    const fastify = adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify || !options.enabled) return;
    registerCachedRouteHooks(fastify, cache, options.preRouter ? preRouter : undefined);
    if (!options.preRouter) return;
    const appHooks = recordAppHooks(fastify);
    const adapter = adapterHost.httpAdapter as object;
    fastify.addHook('onReady', function installPreRouter(done) {
      try {
        const features = unsafeAdapterFeatures(adapter);
        if (features.length > 0) throw new UnsafePreRoutingError(`Pre-routed cache hits would skip ${features.join(', ')}: turn pre-routing off, or do that work in a request gate.`);
        preRouter.install(fastify, appHooks, options.allowedHooks ?? []);
      } catch (error) {
        return done(error as Error);
      }
      done();
    });
  }
}
