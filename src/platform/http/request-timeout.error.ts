import { AppError } from '../errors/index.js';

export class RequestTimeoutError extends AppError {
  static readonly code = 'REQUEST.TIMEOUT';
  readonly code = RequestTimeoutError.code;
  readonly kind = 'unavailable' as const;
}
