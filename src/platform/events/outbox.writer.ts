import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from './event-envelope.js';
import { TAKE_OUTBOX_WRITER_LOCK } from './outbox-writers.js';

/** Appends events to the outbox through `manager`, which must be the command's own transaction. */
export async function appendToOutbox(manager: EntityManager, events: readonly EventEnvelope[]): Promise<void> {
  if (events.length === 0) return;
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
    `INSERT INTO outbox (event_id, type, schema_version, aggregate_type, aggregate_id, aggregate_version, occurred_at, correlation_id, causation_id, payload)
     VALUES ${values.join(', ')}`,
    params,
  );
}
