import { AppError } from '../../../platform/errors/index.js';

export class ContractNotFoundError extends AppError {
  static readonly code = 'CONTRACT.NOT_FOUND';
  readonly code = ContractNotFoundError.code;
  readonly kind = 'not_found' as const;

  constructor(id: string) {
    super(`Contract ${id} not found`);
  }
}

export class ContractVersionConflictError extends AppError {
  static readonly code = 'CONTRACT.VERSION_CONFLICT';
  readonly code = ContractVersionConflictError.code;
  readonly kind = 'conflict' as const;

  constructor(id: string, expected: number, current: number) {
    super(`Contract ${id} is at version ${current}, not ${expected}: reload it and retry`);
  }
}

export class UnknownReferenceError extends AppError {
  static readonly code = 'CONTRACT.UNKNOWN_REFERENCE';
  readonly code = UnknownReferenceError.code;
  readonly kind = 'invalid' as const;

  constructor(field: 'agencyId' | 'supplierId', id: string) {
    super(`${field} ${id} does not exist`);
  }
}


export class InvalidContractFilterError extends AppError {
  static readonly code = 'CONTRACT.INVALID_FILTER';
  readonly code = InvalidContractFilterError.code;
  readonly kind = 'invalid' as const;
}
