import { type DynamicModule, Global, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { CACHE_MANAGER } from '@nestjs/cache-manager';
import { CACHE_MANAGER_PROVIDER } from './cache-manager/cache-manager.provider.js';
import { CACHE_PROVIDERS } from './cache.providers.js';
import { CachedMethodsExplorer } from './cached-methods.explorer.js';
import { CACHE_HTTP_OPTIONS } from './cache.constants.js';
import type { CacheHttpOptions } from './http/cache-http.options.js';
import { CachedRouteHooks } from './http/cached-route-hooks.service.js';
import { InvalidateTagsInterceptor } from './http/invalidate-tags.interceptor.js';
import { PreRoutedRoutesExplorer } from './http/pre-routed-routes.explorer.js';
import { PreRouterHits } from './http/pre-router-hits.js';
import { HttpPlatformModule } from '../http/index.js';
import { TieredCache } from './tiered-cache.js';
import { CacheWarmJobs } from './warming/cache-warm-jobs.js';
import { CacheWarmProcessor } from './warming/cache-warm.processor.js';
import { CacheWarmingService } from './warming/cache-warming.service.js';

export interface CacheModuleOptions {
  /** False turns every cache off: `@CachedRoute` routes and `@Cached` provider methods run uncached. */
  enabled?: boolean;
  /** This process takes cache-warm jobs — only a process that serves HTTP can (warmers request its routes). */
  runWarmJobs: boolean;
  /** How `@CachedRoute` routes are served (pre-routing off by default). */
  http?: Omit<CacheHttpOptions, 'enabled'>;
}

/**
 * The tiered cache for the whole app (needs JobsModule: warming runs as cache-warm jobs).
 * `@CachedRoute` routes get their hooks when the module is created, `@Cached` provider methods
 * are wrapped at start-up.
 */
@Global()
@Module({})
export class CacheModule implements OnModuleInit, OnApplicationShutdown {
  static forRoot(options: CacheModuleOptions): DynamicModule {
    const http: CacheHttpOptions = { preRouter: false, ...options.http, enabled: options.enabled ?? true };
    return {
      module: CacheModule,
      imports: [DiscoveryModule, HttpPlatformModule],
      providers: [
        { provide: CACHE_HTTP_OPTIONS, useValue: http },
        ...CACHE_PROVIDERS,
        CACHE_MANAGER_PROVIDER,
        CacheWarmingService,
        CacheWarmJobs,
        ...(options.runWarmJobs ? [CacheWarmProcessor] : []),
        CachedMethodsExplorer,
        PreRouterHits,
        CachedRouteHooks,
        PreRoutedRoutesExplorer,
        { provide: APP_INTERCEPTOR, useClass: InvalidateTagsInterceptor },
      ],
      exports: [TieredCache, CACHE_MANAGER, CacheWarmingService, CacheWarmJobs, PreRouterHits],
    };
  }

  constructor(private readonly cache: TieredCache) {}

  onModuleInit(): void {
    this.cache.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.cache.close();
  }
}
