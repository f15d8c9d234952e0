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
