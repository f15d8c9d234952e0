import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { CACHE_HTTP_OPTIONS, CACHED_METHOD } from './cache.constants.js';
import type { CacheHttpOptions } from './http/cache-http.options.js';
import type { CachedOptions } from './decorators/cached.decorator.js';
import { TieredCache } from './tiered-cache.js';

const DEFAULT_METHOD_NAMESPACE = 'db';

/**
 * Wraps the `@Cached` methods of providers (query handlers and services; controllers are
 * served by the route hooks instead) with `TieredCache.getOrSet`, once, at start-up. The
 * wrapper replaces the method on the singleton instance, so every caller goes through it,
 * the QueryBus included. With the cache turned off, methods stay as they are.
 */
@Injectable()
export class CachedMethodsExplorer implements OnModuleInit {
  private readonly logger = new Logger('Cache');

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly cache: TieredCache,
    @Inject(CACHE_HTTP_OPTIONS) private readonly options: Pick<CacheHttpOptions, 'enabled'>,
  ) {}

  onModuleInit(): void {
    if (!this.options.enabled) return;
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const original = instance[method];
        const options = typeof original === 'function' ? (Reflect.getMetadata(CACHED_METHOD, original) as CachedOptions<unknown> | undefined) : undefined;
        if (!options) continue;
        instance[method] = this.wrap(`${instance.constructor.name}.${method}`, (original as (...args: unknown[]) => Promise<unknown>).bind(instance), options);
        this.logger.debug(`@Cached ${instance.constructor.name}.${method}`);
      }
    }
  }

  private wrap(name: string, original: (...args: unknown[]) => Promise<unknown>, options: CachedOptions<unknown>) {
    const namespace = options.namespace ?? DEFAULT_METHOD_NAMESPACE;
    const { resultTags } = options;
    const { cache } = this;
    return function cached(input: unknown, ...rest: unknown[]): Promise<unknown> {
      const key = cache.key(namespace, { m: name, i: input, v: options.vary?.(input) });
      return cache.getOrSet(key, () => original(input, ...rest), {
        namespace,
        ttlSeconds: options.ttl,
        tags: options.tags?.(input),
        resultTags: resultTags && ((result) => resultTags(result, input)),
      });
    };
  }
}
