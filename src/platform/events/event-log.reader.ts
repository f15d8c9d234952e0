import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from './event-envelope.js';
import { envelopeOfRow, EVENT_ROW_COLUMNS, type EventRow } from './event-row.js';

/** An event as stored in the event log, with its position (a bigint, as text). */
export type LoggedEvent = EventEnvelope & { position: string };

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
  const rows: (EventRow & { wanted: boolean })[] = await manager.query(
    `SELECT page.*, aggregate_type = ANY($2) AS wanted FROM (
       SELECT ${EVENT_ROW_COLUMNS}
         FROM event_log WHERE position > $1 ORDER BY position LIMIT $3) page`,
    [afterPosition, aggregateTypes, limit],
  );
  return { events: rows.filter((row) => row.wanted).map(toLoggedEvent), next: rows.length < limit ? null : rows[rows.length - 1].position };
}

function toLoggedEvent(row: EventRow): LoggedEvent {
  return { position: row.position, ...envelopeOfRow(row) };
}
