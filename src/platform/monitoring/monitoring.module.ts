import { Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { observeRedisCommands } from '../redis/index.js';
import { AlertsService } from './alerts/alerts.service.js';
import { SignalsCollector } from './alerts/signals.collector.js';
import { CacheReporter } from './cache/cache.reporter.js';
import { RouteTimings } from './cache/route-timings.js';
import { DB_POOL_MONITOR } from './monitoring.constants.js';
import { ConfigurableMonitoringModule } from './monitoring.module-definition.js';
import { MONITORING_PROVIDERS } from './monitoring.providers.js';
import { PoolsReporter } from './pools/pools.reporter.js';
import { RedisCommandStats } from './redis/command-stats.js';
import { RedisConnectionsReporter } from './redis/redis-connections.reporter.js';
import { RedisPerformanceReporter } from './redis/redis-performance.reporter.js';
import { RedisServerReader } from './redis/redis-server.reader.js';

/**
 * The Redis performance monitor (client-side timing of every command this process sends,
 * server figures from INFO and SLOWLOG), the Postgres pool's use, the cache's effectiveness,
 * and alert thresholds evaluated continuously; each as a report for operators. Needs the redis
 * module (`REDIS_CLIENT`); the database and cache modules when present.
 */
@Module({
  providers: [...MONITORING_PROVIDERS, RedisServerReader, SignalsCollector, AlertsService, RouteTimings, RedisPerformanceReporter, RedisConnectionsReporter, CacheReporter, PoolsReporter],
  exports: [AlertsService, RedisPerformanceReporter, RedisConnectionsReporter, CacheReporter, PoolsReporter, RedisCommandStats, RedisServerReader, DB_POOL_MONITOR],
})
export class MonitoringModule extends ConfigurableMonitoringModule implements OnModuleInit, OnApplicationShutdown {
  private stopObserving: (() => void) | undefined;

  constructor(private readonly commands: RedisCommandStats) {
    super();
  }

  onModuleInit(): void {
    this.stopObserving = observeRedisCommands(this.commands);
  }

  onApplicationShutdown(): void {
    this.stopObserving?.();
  }
}
