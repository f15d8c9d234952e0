import { SetMetadata } from '@nestjs/common';
import type { EventEnvelope } from '../event-envelope.js';
import { EVENT_CONSUMER } from '../events.constants.js';

export interface EventConsumerOptions {
  /** Consumer group name, unique per consumer across the app. */
  group: string;
  /** Every shard stream of these aggregate types is read. */
  aggregateTypes: string[];
  /** Events of other types are acknowledged without calling `handle`; omitted means all. */
  eventTypes?: string[];
  /** Deliveries before the entry goes to the dead-letter stream; `EVENTS_MAX_DELIVERIES` when omitted. */
  maxDeliveries?: number;
}

/** What an `@EventConsumer` class implements; a rejection means "retry later", up to `maxDeliveries`. */
export interface EventConsumerHandler {
  handle(event: EventEnvelope): Promise<void>;
  /**
   * Optional group commit: when present, the events ready while the previous batch runs come
   * in one call (at most one per aggregate, so order is kept); all of them are acknowledged
   * after it resolves. A batch that fails is retried event by event through `handle`, so one
   * bad event fails alone.
   */
  handleBatch?(events: EventEnvelope[]): Promise<void>;
  /**
   * Optional, for a handler whose effects commit without waiting for the WAL flush
   * (`applyEachOnce(..., { asyncCommit: true })`): resolves to those of `eventIds` (events
   * whose handler resolved) whose effects are durable, typically `durablyApplied(db, group,
   * eventIds)`. It is asked once for all the events handled meanwhile; each entry is
   * acknowledged, and its aggregate's next event handled, only once its id is confirmed. An
   * id not confirmed (its effect was lost with a database crash) is handled again. A rejection
   * is retried with backoff.
   */
  beforeAck?(eventIds: string[]): Promise<Iterable<string>>;
}

/** Marks a provider as a Redis Streams consumer group; `EventConsumersModule` runs it. */
export const EventConsumer = (options: EventConsumerOptions): ClassDecorator => SetMetadata(EVENT_CONSUMER, options);
