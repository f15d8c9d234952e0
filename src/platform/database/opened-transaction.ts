import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';

/** The part of node-postgres' client a simple query of several statements needs. */
interface PgClient {
  query(text: string): Promise<{ rows: unknown[] } | { rows: unknown[] }[]>;
}

/**
 * Runs `work` in a transaction whose BEGIN travels with `opening`, statements without
 * parameters sent as one simple query: one round trip instead of one for BEGIN and one per
 * statement. Postgres runs the statements in turn, each parsed and planned only once those
 * before it ran, so a setting or a lock taken by one holds for the next. `work` gets the rows of
 * the last opening statement and a manager on the transaction's connection (`query`,
 * `queryPrepared`); the transaction commits once `work` resolves, rolls back if it throws. A
 * failure of `opening` or of the COMMIT is a `QueryFailedError` with the driver's error, as
 * with `query`.
 *
 * TypeORM does not see this transaction: no subscribers run, and its transaction methods
 * (`transaction`, `startTransaction`, `isTransactionActive`) do not apply. It is for hot paths of
 * plain statements; values spliced into `opening` must be escaped (`escapeLiteral` of `pg`).
 */
export async function transactionOpenedWith<T>(db: DataSource, opening: string, work: (rows: unknown[], manager: EntityManager) => Promise<T>): Promise<T> {
  const runner = db.createQueryRunner();
  try {
    const client = (await runner.connect()) as PgClient;
    const rollback = () => client.query('ROLLBACK').catch(() => undefined);
    let results: { rows: unknown[] } | { rows: unknown[] }[];
    try {
      results = await client.query(`BEGIN; ${opening}`);
    } catch (error) {
      await rollback();
      throw new QueryFailedError(opening, [], error as Error);
    }
    let result: T;
    try {
      result = await work((Array.isArray(results) ? results[results.length - 1] : results).rows, runner.manager);
    } catch (error) {
      await rollback();
      throw error;
    }
    try {
      await client.query('COMMIT');
    } catch (error) {
      await rollback();
      throw new QueryFailedError('COMMIT', [], error as Error);
    }
    return result;
  } finally {
    await runner.release();
  }
}
