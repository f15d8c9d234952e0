import { type DynamicModule, Global, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { CACHE_MANAGER } from '@nestjs/cache-manager';
import { CACHE_MANAGER_PROVIDER } from './cache-manager/cache-manager.provider.js';
import { CACHE_PROVIDERS } from './cache.providers.js';
import { CachedMethodsExplorer } from './cached-methods.explorer.js';
import { InvalidateTagsInterceptor } from './http/invalidate-tags.interceptor.js';
import { PreRouterHits } from './http/pre-router-hits.js';
import { TieredCache } from './tiered-cache.js';
import { CacheWarmJobs } from './warming/cache-warm-jobs.js';
import { CacheWarmProcessor } from './warming/cache-warm.processor.js';
import { CacheWarmingService } from './warming/cache-warming.service.js';

/**
 * The tiered cache for the whole app (needs JobsModule: warming runs as cache-warm jobs);
 * `@Cached` routes need `registerCachedRouteHooks` at start-up, `@Cached` provider methods are
 * wrapped here. `runWarmJobs`: this process takes cache-warm jobs — only a process that serves
 * HTTP can (warmers request its routes), so a worker-only process passes false.
 */
@Global()
@Module({})
export class CacheModule implements OnModuleInit, OnApplicationShutdown {
  static forRoot(options: { runWarmJobs: boolean }): DynamicModule {
    return {
      module: CacheModule,
      imports: [DiscoveryModule],
      providers: [
        ...CACHE_PROVIDERS,
        CACHE_MANAGER_PROVIDER,
        CacheWarmingService,
        CacheWarmJobs,
        ...(options.runWarmJobs ? [CacheWarmProcessor] : []),
        CachedMethodsExplorer,
        PreRouterHits,
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
