import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * What running investigations needs: the key of scope + agents (an identical request within the
 * compute TTL reuses the run), the number of contracts in scope, the request id that opened it
 * (carried into its events), and a finding's category.
 */
export class InvestigationRuns1764200000000 implements MigrationInterface {
  name = 'InvestigationRuns1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE investigations ADD COLUMN scope_key text, ADD COLUMN contracts integer, ADD COLUMN correlation_id text`);
    await db.query(`CREATE INDEX investigations_scope_key_idx ON investigations (scope_key, created_at DESC) WHERE status <> 'failed'`);
    await db.query(`ALTER TABLE findings ADD COLUMN category text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE findings DROP COLUMN category`);
    await db.query(`DROP INDEX investigations_scope_key_idx`);
    await db.query(`ALTER TABLE investigations DROP COLUMN scope_key, DROP COLUMN contracts, DROP COLUMN correlation_id`);
  }
}
