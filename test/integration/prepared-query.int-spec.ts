import { AbstractLogger, DataSource, type LogLevel, type LogMessage, QueryFailedError } from 'typeorm';
import { dataSourceOptions, queryPrepared } from '../../src/platform/database/index.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** Keeps what TypeORM reports as slow. */
class SlowQueries extends AbstractLogger {
  readonly slow: { time: number; query: string }[] = [];

  override logQuerySlow(time: number, query: string): void {
    this.slow.push({ time, query });
  }

  protected writeLog(_level: LogLevel, _message: LogMessage | string | number | (LogMessage | string | number)[]): void {}
}

describe('queryPrepared (real Postgres)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  const logger = new SlowQueries();

  beforeAll(async () => {
    db = await createTestDatabase('prepared_query', 0);
    const options = dataSourceOptions({ url: db.url, poolSize: 1, maxOverflow: 0, acquireTimeoutMs: 5000, idleTimeoutMs: 1000, statementTimeoutMs: 10000, slowQueryMs: 50 });
    dataSource = new DataSource({ ...options, logger });
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  it('runs a named statement on the transaction\'s connection, prepared there once for every later call', async () => {
    const statements = await dataSource.transaction(async (tx) => {
      expect(await queryPrepared<{ n: number }>(tx, 'test-double', 'SELECT $1::int * 2 AS n', [21])).toEqual([{ n: 42 }]);
      expect(await queryPrepared<{ n: number }>(tx, 'test-double', 'SELECT $1::int * 2 AS n', [5])).toEqual([{ n: 10 }]);
      return (await tx.query(`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name = 'test-double'`)) as { n: number }[];
    });
    expect(statements).toEqual([{ n: 1 }]);
  });

  it('runs on a pooled connection of its own when given no transaction, and gives it back', async () => {
    expect(await queryPrepared<{ n: number }>(dataSource, 'test-triple', 'SELECT $1::int * 3 AS n', [3])).toEqual([{ n: 9 }]);
    expect(await queryPrepared<{ n: number }>(dataSource.manager, 'test-triple', 'SELECT $1::int * 3 AS n', [4])).toEqual([{ n: 12 }]);
    // The pool holds one connection: a connection not given back would leave this waiting.
    expect(await dataSource.query('SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name = $1', ['test-triple'])).toEqual([{ n: 1 }]);
  });

  it('fails as query does (QueryFailedError with the driver\'s error)', async () => {
    const failure = await dataSource.transaction((tx) => queryPrepared(tx, 'test-divide', 'SELECT 1 / $1::int AS n', [0])).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect(((failure as QueryFailedError).driverError as { code?: string }).code).toBe('22012');
  });

  it('reports a call slower than maxQueryExecutionTime', async () => {
    // Only this call's report: on a busy machine an earlier, quick query may also pass the threshold.
    logger.slow.length = 0;
    await dataSource.transaction((tx) => queryPrepared(tx, 'test-sleep', 'SELECT pg_sleep($1::float8)', [0.08]));
    const sleeps = logger.slow.filter((report) => report.query === 'SELECT pg_sleep($1::float8)');
    expect(sleeps).toEqual([{ time: expect.any(Number), query: 'SELECT pg_sleep($1::float8)' }]);
    expect(sleeps[0].time).toBeGreaterThanOrEqual(80);
  });
});
