import { AppError } from '../../../platform/errors/index.js';

export class InvestigationNotFoundError extends AppError {
  static readonly code = 'INVESTIGATION.NOT_FOUND';
  readonly code = InvestigationNotFoundError.code;
  readonly kind = 'not_found' as const;

  constructor(id: string) {
    super(`Investigation ${id} not found`);
  }
}

export class InvalidInvestigationScopeError extends AppError {
  static readonly code = 'INVESTIGATION.INVALID_SCOPE';
  readonly code = InvalidInvestigationScopeError.code;
  readonly kind = 'invalid' as const;
}

/** The caller opened as many investigations today (UTC) as it may; retry after midnight. */
export class InvestigationQuotaExceededError extends AppError {
  static readonly code = 'INVESTIGATIONS.QUOTA_EXCEEDED';
  readonly code = InvestigationQuotaExceededError.code;
  readonly kind = 'rate_limited' as const;

  constructor(
    quota: number,
    readonly retryAfterSeconds: number,
  ) {
    super(`Daily quota of ${quota} investigations reached; it resets at midnight UTC`);
  }
}

/** The caller has as many investigations queued or running as it may; retry once one has finished. */
export class TooManyRunningInvestigationsError extends AppError {
  static readonly code = 'INVESTIGATIONS.TOO_MANY_RUNNING';
  readonly code = TooManyRunningInvestigationsError.code;
  readonly kind = 'rate_limited' as const;

  constructor(
    limit: number,
    readonly retryAfterSeconds: number,
  ) {
    super(`${limit} of your investigations are queued or running already; open more once one has finished`);
  }
}

/** Too many investigations wait to start, all callers together. */
export class InvestigationsBusyError extends AppError {
  static readonly code = 'INVESTIGATIONS.BUSY';
  readonly code = InvestigationsBusyError.code;
  readonly kind = 'unavailable' as const;

  constructor(readonly retryAfterSeconds: number) {
    super('Too many investigations are waiting to start; retry later');
  }
}
