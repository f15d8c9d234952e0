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

/** Some agents of a run timed out or failed; the message names them, never their exceptions' text. */
export class AgentsUnfinishedError extends AppError {
  static readonly code = 'INVESTIGATION.AGENTS_UNFINISHED';
  readonly code = AgentsUnfinishedError.code;
  readonly kind = 'unavailable' as const;

  constructor(timedOut: readonly string[], failed: readonly string[]) {
    super(`agents did not finish: ${[...timedOut.map((a) => `${a} (timed out)`), ...failed.map((a) => `${a} (failed)`)].join(', ')}`);
  }
}

/** What a failed investigation shows: its own message for a failure it names, a fixed one otherwise (the cause is in the worker's log). */
export function publicFailure(error: unknown): string {
  return error instanceof AgentsUnfinishedError ? error.message : 'the analysis failed (INVESTIGATION.RUN_FAILED); the cause is in the worker log';
}
