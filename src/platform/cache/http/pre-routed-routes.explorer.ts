import { Inject, Injectable, type OnModuleInit, type Type } from '@nestjs/common';
import { GUARDS_METADATA, INTERCEPTORS_METADATA } from '@nestjs/common/constants.js';
import { ApplicationConfig, DiscoveryService, MetadataScanner } from '@nestjs/core';
import { CACHE_HTTP_OPTIONS, CACHED_ROUTE } from '../cache.constants.js';
import type { CachedRouteOptions } from '../decorators/cached-route.decorator.js';
import type { CacheHttpOptions } from './cache-http.options.js';
import { InvalidateTagsInterceptor } from './invalidate-tags.interceptor.js';
import { UnsafePreRoutingError } from './pre-router-hits.js';

const hasAny = (key: string, target: object): boolean => ((Reflect.getMetadata(key, target) as unknown[] | undefined) ?? []).length > 0;

/**
 * Refuses start-up, naming the route, when a route asks to be pre-routed but Nest would run
 * something for it that a pre-routed hit skips: a guard or an interceptor (its own, its
 * controller's, or app-wide beyond the cache's own and `allowedInterceptors`), or `vary`.
 */
@Injectable()
export class PreRoutedRoutesExplorer implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly appConfig: ApplicationConfig,
    @Inject(CACHE_HTTP_OPTIONS) private readonly options: CacheHttpOptions,
  ) {}

  onModuleInit(): void {
    if (!this.options.enabled || !this.options.preRouter) return;
    const appWide = this.appWideEnhancers();
    const problems: string[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const controller = wrapper.metatype as Type | undefined;
      if (!controller) continue;
      for (const method of this.scanner.getAllMethodNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, object>)[method];
        const route = Reflect.getMetadata(CACHED_ROUTE, handler) as CachedRouteOptions<unknown> | undefined;
        if (!route?.preRoute) continue;
        const reasons = [...appWide];
        if (route.vary?.length) reasons.push(`it varies by ${route.vary.join(', ')}`);
        if (hasAny(GUARDS_METADATA, handler) || hasAny(GUARDS_METADATA, controller)) reasons.push('it has guards');
        if (hasAny(INTERCEPTORS_METADATA, handler) || hasAny(INTERCEPTORS_METADATA, controller)) reasons.push('it has interceptors');
        if (reasons.length > 0) problems.push(`${controller.name}.${method}: ${reasons.join('; ')}`);
      }
    }
    if (problems.length > 0) throw new UnsafePreRoutingError(`Routes with @CachedRoute({ preRoute: true }) whose pre-routed hits would skip what Nest runs for them: ${problems.join(' | ')}`);
  }

  private appWideEnhancers(): string[] {
    const reasons: string[] = [];
    const guards = [...this.appConfig.getGlobalGuards().map((g) => g.constructor.name), ...this.appConfig.getGlobalRequestGuards().map((w) => String(w.name))];
    if (guards.length > 0) reasons.push(`app-wide guards ${guards.join(', ')}`);
    const allowed: unknown[] = [InvalidateTagsInterceptor, ...(this.options.allowedInterceptors ?? [])];
    const interceptors = [...this.appConfig.getGlobalInterceptors().map((i) => i.constructor), ...this.appConfig.getGlobalRequestInterceptors().map((w) => w.metatype)].filter((type) => !allowed.includes(type));
    if (interceptors.length > 0) reasons.push(`app-wide interceptors ${interceptors.map((t) => (t as { name?: string } | null)?.name ?? 'anonymous').join(', ')}`);
    return reasons;
  }
}
