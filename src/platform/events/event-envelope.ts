import { uuidV7 } from './uuid-v7.js';

/** What crosses processes for every domain event; `schemaVersion` versions the envelope and the payload of its type together. */
export interface EventEnvelope<P = unknown> {
  eventId: string;
  type: string;
  schemaVersion: number;
  aggregateType: string;
  aggregateId: string;
  aggregateVersion: number;
  occurredAt: string;
  correlationId: string | null;
  causationId: string | null;
  /**
   * Who made the change (`key:<id>`, `jwt:<subject>`, `admin-token`); null for the system or
   * an anonymous caller. Absent from entries published before it existed: read it as null.
   */
  actor?: string | null;
  payload: P;
}

export interface NewEvent<P> {
  type: string;
  schemaVersion: number;
  aggregateType: string;
  aggregateId: string;
  aggregateVersion: number;
  payload: P;
  correlationId?: string | null;
  causationId?: string | null;
  actor?: string | null;
}

/** Why an event happened: the request that caused it and who made it. */
export interface EventCause {
  correlationId: string | null;
  actor: string | null;
}

export const NO_CAUSE: EventCause = Object.freeze({ correlationId: null, actor: null });

export function envelope<P>(event: NewEvent<P>, now = new Date()): EventEnvelope<P> {
  return {
    eventId: uuidV7(now.getTime()),
    type: event.type,
    schemaVersion: event.schemaVersion,
    aggregateType: event.aggregateType,
    aggregateId: event.aggregateId,
    aggregateVersion: event.aggregateVersion,
    occurredAt: now.toISOString(),
    correlationId: event.correlationId ?? null,
    causationId: event.causationId ?? null,
    actor: event.actor ?? null,
    payload: event.payload,
  };
}
