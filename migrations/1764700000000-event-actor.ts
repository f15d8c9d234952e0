import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Who made each change: `key:<id>`, `jwt:<subject>` or `admin-token`, null for events written
 * before (and for contracts loaded in bulk). Nullable, so adding it rewrites no row.
 */
export class EventActor1764700000000 implements MigrationInterface {
  name = 'EventActor1764700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE event_log ADD COLUMN actor text');
    await db.query('ALTER TABLE outbox ADD COLUMN actor text');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE outbox DROP COLUMN actor');
    await db.query('ALTER TABLE event_log DROP COLUMN actor');
  }
}
