import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Who opened an investigation (the caller its quotas are kept for), and the indexes that count
 * a caller's investigations today and still active, and all investigations still queued.
 */
export class InvestigationQuotas1764520000000 implements MigrationInterface {
  name = 'InvestigationQuotas1764520000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE investigations ADD COLUMN opened_by text`);
    await db.query(`CREATE INDEX investigations_opened_by_day_idx ON investigations (opened_by, created_at) WHERE opened_by IS NOT NULL`);
    await db.query(`CREATE INDEX investigations_opened_by_active_idx ON investigations (opened_by) WHERE status IN ('queued', 'running')`);
    await db.query(`CREATE INDEX investigations_queued_idx ON investigations (created_at) WHERE status = 'queued'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX investigations_queued_idx`);
    await db.query(`DROP INDEX investigations_opened_by_active_idx`);
    await db.query(`DROP INDEX investigations_opened_by_day_idx`);
    await db.query(`ALTER TABLE investigations DROP COLUMN opened_by`);
  }
}
