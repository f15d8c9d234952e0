import { AppError } from '../errors/index.js';

/** Readiness failed; `details` names each dependency and its state. */
export class NotReadyError extends AppError {
  static readonly code = 'HEALTH.NOT_READY';
  readonly code = NotReadyError.code;
  readonly kind = 'unavailable' as const;

  constructor(
    readonly failing: readonly string[],
    readonly details: Record<string, unknown>,
  ) {
    super(`Not ready: ${failing.join(', ')} unavailable`);
  }
}
