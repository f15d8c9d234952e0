import { AppError } from '../../errors/index.js';

export class DeadLetterNotFoundError extends AppError {
  static readonly code = 'EVENTS.DEAD_LETTER_NOT_FOUND';
  readonly code = DeadLetterNotFoundError.code;
  readonly kind = 'not_found' as const;

  constructor(id: string) {
    super(`No dead letter ${id}`);
  }
}

/** A dead letter without an envelope (its entry was unreadable): nothing to publish again. */
export class DeadLetterNotReplayableError extends AppError {
  static readonly code = 'EVENTS.DEAD_LETTER_NOT_REPLAYABLE';
  readonly code = DeadLetterNotReplayableError.code;
  readonly kind = 'conflict' as const;

  constructor(id: string) {
    super(`Dead letter ${id} has no envelope to replay`);
  }
}
