import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { CREATE_OUTBOX_NOTIFY_TRIGGER } from './1763900000000-event-outbox.js';

/**
 * The outbox under load. No NOTIFY from inside the writing transaction (a trigger): Postgres
 * serializes the commits of notifying transactions, WAL flush included, which capped event
 * writes at about one per fsync; the writer notifies after its commit instead. And vacuum
 * runs after every 1,000 changed rows rather than 20% of the table: each published mark
 * leaves a dead row and a dead entry in the unpublished-rows index that the relay reads.
 */
export class OutboxHotPath1764300000000 implements MigrationInterface {
  name = 'OutboxHotPath1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER outbox_notify ON outbox`);
    await db.query(`DROP FUNCTION outbox_notify()`);
    await db.query(`ALTER TABLE outbox SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE outbox RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold)`);
    for (const sql of CREATE_OUTBOX_NOTIFY_TRIGGER) await db.query(sql);
  }
}
