import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from './event-envelope.js';
import { notifyRelayOnCommit } from './outbox-notifier.js';
import { TAKE_OUTBOX_WRITER_LOCK } from './outbox-writers.js';

const COLUMNS = 'event_id, type, schema_version, aggregate_type, aggregate_id, aggregate_version, occurred_at, correlation_id, causation_id, payload';

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
  // Held until the transaction ends: the relay waits for this transaction, and only for writers like it.
  await manager.query(TAKE_OUTBOX_WRITER_LOCK);
  const values: string[] = [];
  const params: unknown[] = [];
  for (const e of events) {
    const at = params.length;
    values.push(`(${Array.from({ length: 10 }, (_, i) => `$${at + i + 1}`).join(', ')})`);
    params.push(e.eventId, e.type, e.schemaVersion, e.aggregateType, e.aggregateId, e.aggregateVersion, e.occurredAt, e.correlationId, e.causationId, JSON.stringify(e.payload));
  }
  await manager.query(
    `WITH logged AS (INSERT INTO event_log (${COLUMNS}) VALUES ${values.join(', ')} RETURNING position, ${COLUMNS})
     INSERT INTO outbox (${COLUMNS}) SELECT ${COLUMNS} FROM logged ORDER BY position`,
    params,
  );
}
