/** Injection token of the monitor's clock (epoch milliseconds). */
export const MONITORING_CLOCK = 'hotpath:monitoring:clock';
/** Injection token of the Postgres pool's monitor (null without a TypeORM Postgres data source). */
export const DB_POOL_MONITOR = 'hotpath:monitoring:db-pool';
