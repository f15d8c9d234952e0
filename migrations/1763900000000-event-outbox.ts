import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Wakes the relay from inside the writing transaction (dropped by OutboxHotPath1764300000000). */
export const CREATE_OUTBOX_NOTIFY_TRIGGER = [
  `CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     PERFORM pg_notify('hotpath_outbox', '');
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`,
];

/**
 * The outbox: a command's change and its events commit in one transaction; the relay
 * publishes rows to Redis Streams. `tx_id` lets the relay take only rows of transactions that
 * no running transaction can still precede (below the snapshot's xmin), in `position` order.
 */
export class EventOutbox1763900000000 implements MigrationInterface {
  name = 'EventOutbox1763900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE outbox (
        position bigserial PRIMARY KEY,
        tx_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        event_id uuid NOT NULL UNIQUE,
        type text NOT NULL,
        schema_version integer NOT NULL,
        aggregate_type text NOT NULL,
        aggregate_id uuid NOT NULL,
        aggregate_version integer NOT NULL,
        occurred_at timestamptz NOT NULL,
        correlation_id text,
        causation_id text,
        payload jsonb NOT NULL,
        published_at timestamptz
      )`);
    await db.query(`CREATE INDEX outbox_unpublished_idx ON outbox (position) WHERE published_at IS NULL`);
    for (const sql of CREATE_OUTBOX_NOTIFY_TRIGGER) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE outbox`);
    await db.query(`DROP FUNCTION outbox_notify()`);
  }
}
