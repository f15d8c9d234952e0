import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type Supplier } from '../../domain/supplier.js';
import { SuppliersRepository } from '../../infrastructure/suppliers.repository.js';
import { GetSupplierQuery } from './get-supplier.query.js';

@QueryHandler(GetSupplierQuery)
export class GetSupplierQueryHandler implements IQueryHandler<GetSupplierQuery, Supplier> {
  constructor(private readonly suppliers: SuppliersRepository) {}

  execute(query: GetSupplierQuery): Promise<Supplier> {
    return this.suppliers.findById(query.id);
  }
}
