import type { Provider } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DB_POOL_MONITOR, MONITORING_CLOCK } from './monitoring.constants.js';
import { MONITORING_OPTIONS } from './monitoring.module-definition.js';
import type { MonitoringModuleOptions } from './monitoring.options.js';
import { DbPoolMonitor } from './pools/db-pool-monitor.js';
import { poolOf } from './pools/pg-pool.js';
import { RedisCommandStats } from './redis/command-stats.js';
import { SlowCommandLog } from './redis/slow-command-log.js';

export const MONITORING_PROVIDERS: Provider[] = [
  { provide: MONITORING_CLOCK, inject: [MONITORING_OPTIONS], useFactory: (options: MonitoringModuleOptions) => options.clock ?? Date.now },
  {
    provide: RedisCommandStats,
    inject: [MONITORING_OPTIONS, MONITORING_CLOCK],
    useFactory: (options: MonitoringModuleOptions, clock: () => number) => new RedisCommandStats(options.slowCommandMs, clock, new SlowCommandLog(options.slowCommandMs, clock)),
  },
  {
    // Without a TypeORM Postgres data source (a process without the database module) there is no pool to watch.
    provide: DB_POOL_MONITOR,
    inject: [MONITORING_CLOCK, { token: getDataSourceToken(), optional: true }],
    useFactory: (clock: () => number, dataSource?: unknown) => {
      const pool = poolOf(dataSource);
      return pool ? new DbPoolMonitor(pool, clock) : null;
    },
  },
];
