import type { EntityManager } from 'typeorm';
import { queryPrepared } from '../database/index.js';
import type { EventEnvelope } from './event-envelope.js';
import { notifyRelayOnCommit } from './outbox-notifier.js';
import { TAKE_OUTBOX_WRITER_LOCK } from './outbox-writers.js';

const COLUMNS = 'event_id, type, schema_version, aggregate_type, aggregate_id, aggregate_version, occurred_at, correlation_id, causation_id, payload';
const COLUMN_ARRAYS = '$1::uuid[], $2::text[], $3::int[], $4::text[], $5::uuid[], $6::int[], $7::timestamptz[], $8::text[], $9::text[], $10::jsonb[]';

/**
 * One round trip, a prepared statement (it only inserts): the writers' lock first (a join input
 * of the insert, so it is held before the first row, and its outbox position, is made), then
 * the event log rows, then the outbox rows, each in the order of the events given.
 */
const APPEND = `WITH writer AS MATERIALIZED (${TAKE_OUTBOX_WRITER_LOCK}),
  logged AS (
    INSERT INTO event_log (${COLUMNS})
    SELECT ${COLUMNS} FROM writer, unnest(${COLUMN_ARRAYS}) WITH ORDINALITY AS e(${COLUMNS}, n) ORDER BY n
    RETURNING position, ${COLUMNS})
  INSERT INTO outbox (${COLUMNS}) SELECT ${COLUMNS} FROM logged ORDER BY position`;

/**
 * Appends events through `manager`, which must be the command's own transaction, to the event
 * log (the append-only store that replay reads) and to the outbox (the relay's queue), in one
 * statement. A second event for the same aggregate version fails the transaction. The relays
 * are woken once it commits.
 */
export async function appendToOutbox(manager: EntityManager, events: readonly EventEnvelope[]): Promise<void> {
  if (events.length === 0) return;
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) throw new Error('appendToOutbox needs the command\'s transaction (DataSource.transaction)');
  notifyRelayOnCommit(runner);
  // The lock it takes is held until the transaction ends: the relay waits for this transaction, and only for writers like it.
  await queryPrepared(manager, 'hotpath-outbox-append', APPEND, [
    events.map((e) => e.eventId),
    events.map((e) => e.type),
    events.map((e) => e.schemaVersion),
    events.map((e) => e.aggregateType),
    events.map((e) => e.aggregateId),
    events.map((e) => e.aggregateVersion),
    events.map((e) => e.occurredAt),
    events.map((e) => e.correlationId),
    events.map((e) => e.causationId),
    events.map((e) => JSON.stringify(e.payload)),
  ]);
}
