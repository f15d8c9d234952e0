import { envelope, type EventCause, type EventEnvelope } from '../../../platform/events/index.js';
import type { Investigation } from './investigation.js';

export const INVESTIGATION_AGGREGATE = 'investigation';
export const INVESTIGATION_OPENED = 'investigation.opened';

/** `investigation.opened` v1: the investigation as queued; its job is started from this event. */
export function investigationOpened(investigation: Investigation, cause: EventCause): EventEnvelope<{ investigation: Investigation }> {
  return envelope({ type: INVESTIGATION_OPENED, schemaVersion: 1, aggregateType: INVESTIGATION_AGGREGATE, aggregateId: investigation.id, aggregateVersion: 1, ...cause, payload: { investigation } });
}

/** `investigation.completed` / `investigation.failed` v1: how it ended, with a count of findings per agent. */
export function investigationEnded(
  investigation: Pick<Investigation, 'id' | 'status' | 'error'>,
  findingCounts: Record<string, number>,
  correlationId: string | null,
): EventEnvelope<{ id: string; status: string; error: string | null; findingCounts: Record<string, number> }> {
  return envelope({
    type: `investigation.${investigation.status}`,
    schemaVersion: 1,
    aggregateType: INVESTIGATION_AGGREGATE,
    aggregateId: investigation.id,
    aggregateVersion: 2,
    correlationId,
    payload: { id: investigation.id, status: investigation.status, error: investigation.error, findingCounts },
  });
}
