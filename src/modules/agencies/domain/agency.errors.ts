import { AppError } from '../../../platform/errors/index.js';

export class AgencyNotFoundError extends AppError {
  static readonly code = 'AGENCY.NOT_FOUND';
  readonly code = AgencyNotFoundError.code;
  readonly kind = 'not_found' as const;

  constructor(id: string) {
    super(`Agency ${id} not found`);
  }
}

export class InvalidAgencyCursorError extends AppError {
  static readonly code = 'AGENCY.INVALID_CURSOR';
  readonly code = InvalidAgencyCursorError.code;
  readonly kind = 'invalid' as const;

  constructor() {
    super('cursor is not a value returned as nextCursor by this endpoint');
  }
}
