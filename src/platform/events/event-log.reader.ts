import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from './event-envelope.js';

/** An event as stored in the event log, with its position (a bigint, as text). */
export type LoggedEvent = EventEnvelope & { position: string };

interface EventLogRow {
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
  payload: unknown;
}

export interface EventLogPage {
  /** The page's events of the requested aggregate types, in position order. */
  events: LoggedEvent[];
  /** Where the next page starts (after it); null once the log is read to its end. */
  next: string | null;
}

/**
 * The next `limit` positions of the event log after `afterPosition`, keeping the events of the
 * given aggregate types. The page is a walk of the primary key whatever the table's statistics
 * (a log filled in bulk may have none yet); the type filter applies to the page. Read it inside
 * one REPEATABLE READ transaction to replay a consistent snapshot: a position is taken at
 * insert, not at commit, so later pages of a moving log may miss rows.
 */
export async function readEventLog(manager: EntityManager, aggregateTypes: readonly string[], afterPosition: string, limit: number): Promise<EventLogPage> {
  const rows: (EventLogRow & { wanted: boolean })[] = await manager.query(
    `SELECT page.*, aggregate_type = ANY($2) AS wanted FROM (
       SELECT position, event_id, type, schema_version, aggregate_type, aggregate_id, aggregate_version, occurred_at, correlation_id, causation_id, payload
         FROM event_log WHERE position > $1 ORDER BY position LIMIT $3) page`,
    [afterPosition, aggregateTypes, limit],
  );
  return { events: rows.filter((row) => row.wanted).map(toLoggedEvent), next: rows.length < limit ? null : rows[rows.length - 1].position };
}

function toLoggedEvent(row: EventLogRow): LoggedEvent {
  return {
    position: row.position,
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    aggregateType: row.aggregate_type,
    aggregateId: row.aggregate_id,
    aggregateVersion: row.aggregate_version,
    occurredAt: row.occurred_at.toISOString(),
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    payload: row.payload,
  };
}
