import { AppError } from '../errors/index.js';

/** Over budget: 429 with `Retry-After`, the whole seconds until a token is back. */
export class RateLimitedError extends AppError {
  static readonly code = 'REQUEST.RATE_LIMITED';
  readonly code = RateLimitedError.code;
  readonly kind = 'rate_limited' as const;

  constructor(
    budget: string,
    readonly retryAfterSeconds: number,
  ) {
    super(`Rate limit of the ${budget} budget exceeded; retry in ${retryAfterSeconds} s`);
  }
}

/** A route names a budget the module was not given (found at start-up). */
export class UnknownRateLimitBudgetError extends Error {}
