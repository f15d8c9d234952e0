import type { EntityManager } from 'typeorm';
import { queryPrepared } from '../database/index.js';
import type { EventEnvelope } from './event-envelope.js';
import { notifyRelayOnCommit } from './outbox-notifier.js';
import { TAKE_OUTBOX_WRITER_LOCK } from './outbox-writers.js';

/** Each stored column, its type and its value: one array parameter per column, in this order. */
const FIELDS: readonly [column: string, type: string, value: (e: EventEnvelope) => unknown][] = [
  ['event_id', 'uuid', (e) => e.eventId],
  ['type', 'text', (e) => e.type],
  ['schema_version', 'int', (e) => e.schemaVersion],
  ['aggregate_type', 'text', (e) => e.aggregateType],
  ['aggregate_id', 'uuid', (e) => e.aggregateId],
  ['aggregate_version', 'int', (e) => e.aggregateVersion],
  ['occurred_at', 'timestamptz', (e) => e.occurredAt],
  ['correlation_id', 'text', (e) => e.correlationId],
  ['causation_id', 'text', (e) => e.causationId],
  ['actor', 'text', (e) => e.actor ?? null],
  ['payload', 'jsonb', (e) => JSON.stringify(e.payload)],
];
const COLUMNS = FIELDS.map(([column]) => column).join(', ');
const COLUMN_ARRAYS = FIELDS.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');

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
  await queryPrepared(manager, 'hotpath-outbox-append', APPEND, FIELDS.map(([, , value]) => events.map(value)));
}
