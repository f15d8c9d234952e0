/** The part of node-postgres' Pool (pg-pool) the monitor reads and wraps. */
export interface PgPool {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
  readonly options: { max?: number; min?: number; connectionTimeoutMillis?: number };
  connect: (...args: unknown[]) => unknown;
}

/** The pool behind a TypeORM Postgres data source (its driver's `master`), if there is one. */
export function poolOf(dataSource: unknown): PgPool | undefined {
  const pool = (dataSource as { driver?: { master?: unknown } } | undefined)?.driver?.master as PgPool | undefined;
  return pool && typeof pool.connect === 'function' && typeof pool.totalCount === 'number' ? pool : undefined;
}
