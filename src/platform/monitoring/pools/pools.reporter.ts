import { Inject, Injectable, Optional } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Finding } from '../findings.js';
import { MONITORING_OPTIONS } from '../monitoring.module-definition.js';
import type { MonitoringModuleOptions } from '../monitoring.options.js';
import { DB_POOL_MONITOR } from '../monitoring.constants.js';
import type { DbPoolMonitor, PoolFigures } from './db-pool-monitor.js';
import { type PostgresServerFigures, poolSizing } from './pool-sizing.js';
import { POSTGRES_SERVER_SQL, type PostgresServerRow, toServerFigures } from './postgres-server.js';

export interface PoolsReport {
  postgres: {
    pool: PoolFigures;
    /** Null when the server could not be asked (the pool exhausted, Postgres away). */
    server: PostgresServerFigures | null;
    sizing: { processes: number; dedicatedConnectionsPerProcess: number; budgetPerProcess: number | null; suggestedMax: number; configuredMax: number };
    findings: Finding[];
  } | null;
}

/** `GET /admin/monitoring/pools`: the Postgres pool's use, waits and exhaustion events, and sizing advice against the server's limit. */
@Injectable()
export class PoolsReporter {
  constructor(
    @Inject(MONITORING_OPTIONS) private readonly options: MonitoringModuleOptions,
    @Inject(DB_POOL_MONITOR) private readonly monitor: DbPoolMonitor | null,
    @Optional() @Inject(getDataSourceToken()) private readonly dataSource?: DataSource,
  ) {}

  async report(): Promise<PoolsReport> {
    if (!this.monitor) return { postgres: null };
    const pool = this.monitor.figures();
    const server = await this.server();
    const { processes, dedicatedDbConnections } = this.options;
    const sizing = poolSizing(pool, server, processes, dedicatedDbConnections);
    return {
      postgres: {
        pool,
        server,
        sizing: { processes, dedicatedConnectionsPerProcess: dedicatedDbConnections, budgetPerProcess: sizing.budgetPerProcess, suggestedMax: sizing.suggestedMax, configuredMax: pool.max },
        findings: sizing.findings,
      },
    };
  }

  private async server(): Promise<PostgresServerFigures | null> {
    try {
      const [row] = (await this.dataSource?.query(POSTGRES_SERVER_SQL)) as PostgresServerRow[];
      return row ? toServerFigures(row) : null;
    } catch {
      return null;
    }
  }
}
