import type { EventConsumerHandler } from '../decorators/event-consumer.decorator.js';

/** A validated `@EventConsumer` provider, its options completed from config. */
export interface ResolvedConsumer {
  className: string;
  group: string;
  aggregateTypes: readonly string[];
  /** Undefined: every type is handled. */
  eventTypes: ReadonlySet<string> | undefined;
  maxDeliveries: number;
  handler: EventConsumerHandler;
}
