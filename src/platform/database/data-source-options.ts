import { type DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations/index.js';
import { QueryLogger } from './query-logger.js';

/** How this process's pool connects and what it allows a statement. */
export interface DatabaseSettings {
  url: string;
  poolSize: number;
  maxOverflow: number;
  acquireTimeoutMs: number;
  idleTimeoutMs: number;
  /** Every pooled connection's default `statement_timeout`: a statement past it fails (503). */
  statementTimeoutMs: number;
  slowQueryMs: number;
}

/**
 * Postgres data source: `poolSize` connections stay open (pg-pool `min`), up to `maxOverflow`
 * more open under load and close when idle; waiting for a connection is bounded by
 * `acquireTimeoutMs`, so an exhausted pool fails fast instead of queueing forever.
 */
export function dataSourceOptions(settings: DatabaseSettings, applicationName = 'hotpath'): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    entities: [],
    applicationName,
    poolSize: settings.poolSize + settings.maxOverflow,
    maxQueryExecutionTime: settings.slowQueryMs,
    logger: new QueryLogger(),
    extra: {
      min: settings.poolSize,
      idleTimeoutMillis: settings.idleTimeoutMs,
      connectionTimeoutMillis: settings.acquireTimeoutMs,
      statement_timeout: settings.statementTimeoutMs,
      keepAlive: true,
    },
  };
}
