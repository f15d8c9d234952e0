import { AppError } from '../../../platform/errors/index.js';

export class AgencyNotFoundError extends AppError {
  static readonly code = 'AGENCY.NOT_FOUND';
  readonly code = AgencyNotFoundError.code;
  readonly kind = 'not_found' as const;

  constructor(id: string) {
    super(`Agency ${id} not found`);
  }
}
