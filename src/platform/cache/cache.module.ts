import { Global, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CACHE_PROVIDERS } from './cache.providers.js';
import { InvalidateTagsInterceptor } from './http/invalidate-tags.interceptor.js';
import { TieredCache } from './tiered-cache.js';

/** The tiered cache for the whole app; `@Cached` routes need `registerCachedRouteHooks` at start-up. */
@Global()
@Module({
  providers: [...CACHE_PROVIDERS, { provide: APP_INTERCEPTOR, useClass: InvalidateTagsInterceptor }],
  exports: [TieredCache],
})
export class CacheModule implements OnModuleInit, OnApplicationShutdown {
  constructor(private readonly cache: TieredCache) {}

  onModuleInit(): void {
    this.cache.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.cache.close();
  }
}
