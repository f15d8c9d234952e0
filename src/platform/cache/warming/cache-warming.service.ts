import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { AppConfig } from '../../../config/index.js';
import { AppError } from '../../errors/index.js';
import { CACHE_WARMER } from '../cache.constants.js';
import type { CacheWarmer } from './cache-warmer.js';
import { type WarmerProgress, warmPercent } from './warm-progress.js';
import { WARM_REQUEST_ADDRESS } from './warm-request.js';

export class InvalidCacheWarmerError extends Error {}

export class CacheWarmFailedError extends AppError {
  static readonly code = 'CACHE.WARM_FAILED';
  readonly code = CacheWarmFailedError.code;
  readonly kind = 'unavailable' as const;

  constructor(readonly warmers: WarmerProgress[]) {
    super(`Cache warmers failed: ${warmers.filter((w) => w.error).map((w) => `${w.name}: ${w.error}`).join('; ')}`);
  }
}

/**
 * Finds `@CacheWarmerProvider()` providers at start-up (refusing to boot on one without a
 * `warm` method) and runs them through this app's own HTTP stack. A process warms itself
 * once after it is listening (its own L1; readiness never waits for it); on-demand and
 * scheduled runs are cache-warm jobs (`CacheWarmJobs`).
 */
@Injectable()
export class CacheWarmingService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('CacheWarming');
  private warmers: { name: string; instance: CacheWarmer }[] = [];
  private startupTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.warmers = this.discovery
      .getProviders()
      .filter((wrapper) => wrapper.metatype && Reflect.getMetadata(CACHE_WARMER, wrapper.metatype))
      .map((wrapper) => {
        const instance = wrapper.instance as Partial<CacheWarmer> | undefined;
        if (typeof instance?.warm !== 'function') throw new InvalidCacheWarmerError(`${wrapper.name} is a @CacheWarmerProvider() without a warm(context) method`);
        return { name: String(wrapper.name), instance: instance as CacheWarmer };
      });
  }

  onApplicationBootstrap(): void {
    if (!this.config.cache.warmOnStart || !this.http() || this.warmers.length === 0) return;
    // Deferred past start-up: warming must never hold back readiness.
    this.startupTimer = setTimeout(() => void this.warm().catch((error: unknown) => this.logger.warn({ msg: 'start-up warming failed', error: String(error) })), 0).unref();
  }

  onApplicationShutdown(): void {
    clearTimeout(this.startupTimer);
  }

  /**
   * Runs every warmer once, reporting overall progress (0..100) whenever it moves; resolves
   * with each warmer's figures, or rejects with CacheWarmFailedError if any warmer threw.
   */
  async warm(onProgress: (percent: number) => Promise<void> | void = () => undefined): Promise<WarmerProgress[]> {
    const http = this.http();
    const progress: WarmerProgress[] = this.warmers.map((w) => ({ name: w.name, done: 0, total: 0 }));
    let reported = -1;
    // Reports go out in order, one at a time, and only when the whole percent moved.
    let pending: Promise<void> = Promise.resolve();
    const report = (finished: number) => {
      const percent = warmPercent(progress, finished);
      if (percent === reported) return;
      reported = percent;
      pending = pending.then(() => onProgress(percent));
    };
    for (const [i, warmer] of this.warmers.entries()) {
      try {
        await warmer.instance.warm({
          progress: (done, total) => {
            Object.assign(progress[i], { done, total });
            report(i);
          },
          get: async (path) => (http ? (await http.inject({ method: 'GET', url: path, remoteAddress: WARM_REQUEST_ADDRESS })).statusCode : 503),
        });
      } catch (error) {
        progress[i].error = error instanceof Error ? error.message : String(error);
        this.logger.warn({ msg: 'cache warmer failed', warmer: warmer.name, error: progress[i].error });
      }
      report(i + 1);
    }
    await pending;
    if (progress.some((w) => w.error)) throw new CacheWarmFailedError(progress);
    this.logger.log({ msg: 'cache warmed', warmers: progress });
    return progress;
  }

  private http(): FastifyInstance | undefined {
    const adapter = this.adapterHost.httpAdapter;
    return adapter?.getType?.() === 'fastify' ? (adapter.getInstance() as FastifyInstance) : undefined;
  }
}
