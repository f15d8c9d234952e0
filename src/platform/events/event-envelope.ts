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
}

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
    payload: event.payload,
  };
}
