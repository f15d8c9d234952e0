import { AppError } from '../../../platform/errors/index.js';

export class SupplierNotFoundError extends AppError {
  static readonly code = 'SUPPLIER.NOT_FOUND';
  readonly code = SupplierNotFoundError.code;
  readonly kind = 'not_found' as const;

  constructor(id: string) {
    super(`Supplier ${id} not found`);
  }
}
