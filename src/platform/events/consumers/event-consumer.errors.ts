import { AppError } from '../../errors/index.js';

/** An `@EventConsumer` provider that cannot run (no `handle`, not a singleton, bad options); the process refuses to start. */
export class InvalidEventConsumerError extends AppError {
  static readonly code = 'EVENTS.INVALID_CONSUMER';
  readonly code = InvalidEventConsumerError.code;
  readonly kind = 'invalid' as const;

  constructor(className: string, problem: string) {
    super(`@EventConsumer ${className}: ${problem}`);
  }
}

/** Two `@EventConsumer` providers share a group: they would steal each other's entries. */
export class DuplicateConsumerGroupError extends AppError {
  static readonly code = 'EVENTS.DUPLICATE_CONSUMER_GROUP';
  readonly code = DuplicateConsumerGroupError.code;
  readonly kind = 'invalid' as const;

  constructor(group: string, classNames: readonly string[]) {
    super(`@EventConsumer group "${group}" is used by ${classNames.join(' and ')}; each consumer needs a group of its own`);
  }
}

/** A handler call that outlived `EVENTS_HANDLER_TIMEOUT_MS`; counted as a failed delivery. */
export class EventHandlerTimeoutError extends AppError {
  static readonly code = 'EVENTS.HANDLER_TIMEOUT';
  readonly code = EventHandlerTimeoutError.code;
  readonly kind = 'unavailable' as const;

  constructor(group: string, timeoutMs: number) {
    super(`handler of group "${group}" did not finish within ${timeoutMs} ms`);
  }
}

/** A handler resolved, but its `beforeAck` did not find the effect durable (lost in a database crash); counted as a failed delivery, handled again. */
export class EffectNotDurableError extends AppError {
  static readonly code = 'EVENTS.EFFECT_NOT_DURABLE';
  readonly code = EffectNotDurableError.code;
  readonly kind = 'unavailable' as const;

  constructor(group: string, eventId: string) {
    super(`group "${group}": the effect of event ${eventId} is not durable (lost with a database crash?); it is handled again`);
  }
}

/**
 * Thrown by a handler for an event it can never apply (a payload it cannot read, a value its
 * store refuses): retrying cannot help, so the entry goes to dead letters at once and its
 * aggregate's next events flow instead of waiting out every delivery's backoff.
 */
export class PoisonEventError extends AppError {
  static readonly code = 'EVENTS.POISON';
  readonly code = PoisonEventError.code;
  readonly kind = 'invalid' as const;
}
