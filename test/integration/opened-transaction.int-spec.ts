import { DataSource, QueryFailedError } from 'typeorm';
import { dataSourceOptions, queryPrepared, transactionOpenedWith } from '../../src/platform/database/index.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

describe('transactionOpenedWith (real Postgres)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  const rows = async () => (await db.client.query<{ n: number }>('SELECT n FROM opened ORDER BY n')).rows.map((r) => r.n);

  beforeAll(async () => {
    db = await createTestDatabase('opened_transaction', 0);
    // One connection: a connection left in a transaction, or not given back, would show in the next test.
    dataSource = new DataSource(dataSourceOptions({ url: db.url, poolSize: 1, maxOverflow: 0, acquireTimeoutMs: 2000, idleTimeoutMs: 1000, statementTimeoutMs: 10000, slowQueryMs: 10000 }));
    await dataSource.initialize();
    await db.client.query('CREATE TABLE opened (n int PRIMARY KEY, code int UNIQUE DEFERRABLE INITIALLY DEFERRED)');
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });
  beforeEach(async () => {
    await db.client.query('TRUNCATE opened');
  });

  it('runs BEGIN and the opening statements first, in one transaction with the work, hands the last one\'s rows to the work, and commits', async () => {
    await db.client.query('INSERT INTO opened (n) VALUES (1), (2)');
    const result = await transactionOpenedWith(dataSource, `SET LOCAL lock_timeout = '1234ms'; SELECT n FROM opened ORDER BY n`, async (opened, tx) => {
      // The opening's setting holds for the work: the same transaction, on the same connection.
      const [{ lock_timeout }] = (await tx.query('SHOW lock_timeout')) as { lock_timeout: string }[];
      await queryPrepared(tx, 'test-opened-insert', 'INSERT INTO opened (n) VALUES ($1)', [3]);
      return { opened, lock_timeout };
    });
    expect(result).toEqual({ opened: [{ n: 1 }, { n: 2 }], lock_timeout: '1234ms' });
    expect(await rows()).toEqual([1, 2, 3]);
    // The transaction ended with the work: the setting was local to it.
    expect(await dataSource.query('SHOW lock_timeout')).not.toEqual([{ lock_timeout: '1234ms' }]);
  });

  it('rolls back when the work throws, and gives the connection back', async () => {
    const failure = await transactionOpenedWith(dataSource, 'SELECT 1', async (_rows, tx) => {
      await tx.query('INSERT INTO opened (n) VALUES (7)');
      throw new Error('work failed');
    }).catch((error: unknown) => error);
    expect(failure).toEqual(new Error('work failed'));
    expect(await rows()).toEqual([]);
    expect(await dataSource.query('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
  });

  it('fails as query does when the COMMIT fails (a deferred constraint), and rolls back', async () => {
    const failure = await transactionOpenedWith(dataSource, 'SELECT 1', async (_rows, tx) => {
      await tx.query('INSERT INTO opened VALUES (1, 10), (2, 10)');
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect((failure as QueryFailedError).query).toBe('COMMIT');
    expect(((failure as QueryFailedError).driverError as { code?: string }).code).toBe('23505');
    expect(await rows()).toEqual([]);
    expect(await dataSource.query('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
  });

  it('fails as query does when an opening statement fails (QueryFailedError naming the opening), and runs no work', async () => {
    let worked = false;
    const opening = 'INSERT INTO opened (n) VALUES (8); SELECT 1 / 0';
    const failure = await transactionOpenedWith(dataSource, opening, async () => void (worked = true)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect((failure as QueryFailedError).query).toBe(opening);
    expect(((failure as QueryFailedError).driverError as { code?: string }).code).toBe('22012');
    expect(worked).toBe(false);
    // The first statement's row went with the rollback, and the connection is out of the failed transaction.
    expect(await rows()).toEqual([]);
    expect(await dataSource.query('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
  });
});
