import type { EventEnvelope } from './event-envelope.js';

/** An event as the outbox and the event log store it (snake_case columns, position as text). */
export interface EventRow {
  position: string;
  event_id: string;
  type: string;
  schema_version: number;
  aggregate_type: string;
  aggregate_id: string;
  aggregate_version: number;
  occurred_at: Date;
  correlation_id: string | null;
  causation_id: string | null;
  actor: string | null;
  payload: unknown;
}

/** The columns of `EventRow`, in the order both tables list them. */
export const EVENT_ROW_COLUMNS = 'position, event_id, type, schema_version, aggregate_type, aggregate_id, aggregate_version, occurred_at, correlation_id, causation_id, actor, payload';

export function envelopeOfRow(row: EventRow): EventEnvelope {
  return {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    aggregateType: row.aggregate_type,
    aggregateId: row.aggregate_id,
    aggregateVersion: row.aggregate_version,
    occurredAt: row.occurred_at.toISOString(),
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    actor: row.actor,
    payload: row.payload,
  };
}
