import { AppError } from '../../errors/index.js';

/** A request whose path parameters, query or body break its DTO's rules; the message lists every broken rule. */
export class InvalidRequestError extends AppError {
  static readonly code = 'REQUEST.INVALID';
  readonly code = InvalidRequestError.code;
  readonly kind = 'invalid' as const;

  constructor(readonly problems: readonly string[]) {
    super(problems.join('; '));
  }
}
