import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { TieredCache } from '../../cache/index.js';
import { DB_POOL_MONITOR, MONITORING_CLOCK } from '../monitoring.constants.js';
import { MONITORING_OPTIONS } from '../monitoring.module-definition.js';
import type { MonitoringModuleOptions, PipelineFigures } from '../monitoring.options.js';
import type { DbPoolMonitor } from '../pools/db-pool-monitor.js';
import { RedisCommandStats } from '../redis/command-stats.js';
import { RedisServerReader } from '../redis/redis-server.reader.js';
import type { RedisServerFigures } from '../redis/redis-server-figures.js';
import { CounterWindow } from './counter-window.js';
import type { Signals } from './thresholds.js';

/** Rates and ratios are taken over this span, as the Prometheus rules' `[5m]`. */
export const WINDOW_MINUTES = 5;
/** Fewer cache lookups than this in the window tell nothing about the hit ratio. */
export const MIN_CACHE_LOOKUPS = 20;

export interface Collected {
  signals: Signals;
  /** Null when Redis did not answer. */
  server: RedisServerFigures | null;
  pipeline: PipelineFigures | null;
}

/** Gathers one figure per alert rule from the command timing, the Redis server, the Postgres pool, the cache and the pipeline. */
@Injectable()
export class SignalsCollector {
  private readonly logger = new Logger('Monitoring');
  private readonly cacheWindow: CounterWindow;
  private readonly waitsWindow: CounterWindow;
  private pipelineFailing = false;

  constructor(
    @Inject(MONITORING_OPTIONS) private readonly options: MonitoringModuleOptions,
    @Inject(MONITORING_CLOCK) private readonly clock: () => number,
    private readonly commands: RedisCommandStats,
    private readonly server: RedisServerReader,
    @Inject(DB_POOL_MONITOR) private readonly pool: DbPoolMonitor | null,
    @Optional() private readonly cache?: TieredCache,
  ) {
    // The counters began with this process, as did this collector.
    this.cacheWindow = new CounterWindow(WINDOW_MINUTES * 60_000, clock(), 2);
    this.waitsWindow = new CounterWindow(WINDOW_MINUTES * 60_000, clock(), 1);
  }

  async collect(): Promise<Collected> {
    const now = this.clock();
    const [server, pipeline] = await Promise.all([this.server.read().catch(() => null), this.readPipeline()]);
    const redis = this.commands.window(WINDOW_MINUTES);
    const pool = this.pool?.figures();
    const [waits] = pool ? this.waitsWindow.increase(now, [pool.waits]) : [null];
    const depths = pipeline?.queueDepth ? Object.values(pipeline.queueDepth) : [];
    const signals: Signals = {
      redisSlowPerMinute: redis.slow / WINDOW_MINUTES,
      redisErrorRate: redis.count > 0 ? redis.errors / redis.count : null,
      redisP95Ms: redis.p95Ms,
      redisMemoryUse: server?.memory.use ?? null,
      redisClientsUse: server?.clients.use ?? null,
      dbPoolUse: pool ? pool.inUse / pool.max : null,
      dbPoolWaitsPerMinute: waits === null ? null : waits / WINDOW_MINUTES,
      cacheHitRatio: this.cacheHitRatio(now),
      consumerLag: pipeline?.consumerLag ?? null,
      outboxAgeSeconds: pipeline?.outboxAgeSeconds ?? null,
      queueDepth: depths.length ? Math.max(...depths) : null,
    };
    return { signals, server, pipeline };
  }

  private cacheHitRatio(now: number): number | null {
    if (!this.cache) return null;
    let hits = 0;
    let misses = 0;
    for (const tiers of Object.values(this.cache.stats.hits)) hits += tiers.l1 + tiers.l2;
    for (const count of Object.values(this.cache.stats.misses)) misses += count;
    const [recentHits, recentMisses] = this.cacheWindow.increase(now, [hits, misses]);
    return recentHits + recentMisses >= MIN_CACHE_LOOKUPS ? recentHits / (recentHits + recentMisses) : null;
  }

  /** The pipeline's figures, or null (logged once per outage) when its sources fail. */
  private async readPipeline(): Promise<PipelineFigures | null> {
    if (!this.options.pipeline) return null;
    try {
      const figures = await this.options.pipeline();
      if (this.pipelineFailing) this.logger.log({ msg: 'pipeline figures readable again' });
      this.pipelineFailing = false;
      return figures;
    } catch (error) {
      if (!this.pipelineFailing) this.logger.warn({ msg: 'pipeline figures unreadable: consumer lag, outbox age and queue depth have no data', error: String(error) });
      this.pipelineFailing = true;
      return null;
    }
  }
}
