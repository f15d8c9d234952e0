import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { AppConfig } from '../../../config/index.js';
import { CACHE_WARMER } from '../cache.constants.js';
import type { CacheWarmer } from './cache-warmer.js';
import { type WarmJob, WarmJobs } from './warm-jobs.js';

export class InvalidCacheWarmerError extends Error {}

/**
 * Finds `@CacheWarmerProvider()` providers at start-up (refusing to boot on one without a
 * `warm` method) and runs them: once after the app is listening (readiness never waits for
 * it), on demand, and every CACHE_WARM_INTERVAL seconds. One job at a time per instance.
 */
@Injectable()
export class CacheWarmingService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('CacheWarming');
  private readonly jobs = new WarmJobs();
  private warmers: { name: string; instance: CacheWarmer }[] = [];
  private timer: NodeJS.Timeout | undefined;
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
    if (!this.http() || this.warmers.length === 0) return;
    // Deferred past start-up: warming must never hold back readiness.
    if (this.config.cache.warmOnStart) this.startupTimer = setTimeout(() => void this.run('startup'), 0).unref();
    const every = this.config.cache.warmIntervalSeconds;
    if (every > 0) this.timer = setInterval(() => void this.run('schedule'), every * 1000).unref();
  }

  onApplicationShutdown(): void {
    clearTimeout(this.startupTimer);
    clearInterval(this.timer);
  }

  /** Starts a job unless one is running; returns the job that is running either way. */
  start(trigger: WarmJob['trigger']): WarmJob {
    const running = this.jobs.running();
    if (running) return running;
    const job = this.jobs.start(
      trigger,
      this.warmers.map((w) => w.name),
    );
    void this.execute(job);
    return job;
  }

  job(id: string): WarmJob | undefined {
    return this.jobs.get(id);
  }

  private async run(trigger: WarmJob['trigger']): Promise<void> {
    if (!this.jobs.running()) this.start(trigger);
  }

  private async execute(job: WarmJob): Promise<void> {
    const http = this.http();
    for (const [i, warmer] of this.warmers.entries()) {
      const progress = job.warmers[i];
      try {
        await warmer.instance.warm({
          progress: (done, total) => Object.assign(progress, { done, total }),
          get: async (path) => (http ? (await http.inject({ method: 'GET', url: path })).statusCode : 503),
        });
      } catch (error) {
        progress.error = error instanceof Error ? error.message : String(error);
        this.logger.warn({ msg: 'cache warmer failed', warmer: warmer.name, error: progress.error });
      }
    }
    job.status = job.warmers.some((w) => w.error) ? 'failed' : 'completed';
    job.finishedAt = new Date().toISOString();
    this.logger.log({ msg: 'cache warmed', job: job.id, trigger: job.trigger, status: job.status, warmers: job.warmers });
  }

  private http(): FastifyInstance | undefined {
    const adapter = this.adapterHost.httpAdapter;
    return adapter?.getType?.() === 'fastify' ? (adapter.getInstance() as FastifyInstance) : undefined;
  }
}
