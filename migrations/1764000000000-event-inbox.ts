import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The inbox of event consumers: one row per (consumer group, event id) applied, written in the
 * same transaction as the handler's effect, so a redelivered event is applied once.
 */
export class EventInbox1764000000000 implements MigrationInterface {
  name = 'EventInbox1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE event_inbox (
        consumer_group text NOT NULL,
        event_id uuid NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer_group, event_id)
      )`);
    // For cleanup of old rows by age (maintenance queue).
    await db.query(`CREATE INDEX event_inbox_applied_at_idx ON event_inbox (applied_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE event_inbox`);
  }
}
