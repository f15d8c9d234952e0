import { AppError } from '../../../platform/errors/index.js';

/** Another transaction changed a contract's projected state while this batch was applied: retry it. */
export class ProjectionConflictError extends AppError {
  static readonly code = 'PROJECTION.CONCURRENT_APPLY';
  readonly code = ProjectionConflictError.code;
  readonly kind = 'conflict' as const;

  /** `detail`: the database's message, which says how many states changed. */
  constructor(detail: string) {
    super(detail);
  }
}

/** A rebuild holds the projection: live events wait for their next delivery. */
export class ProjectionRebuildingError extends AppError {
  static readonly code = 'PROJECTION.REBUILDING';
  readonly code = ProjectionRebuildingError.code;
  readonly kind = 'unavailable' as const;

  constructor() {
    super('contract stats are being rebuilt; the event is retried later');
  }
}
