import { Query } from '@nestjs/cqrs';
import { type Supplier } from '../../domain/supplier.js';

export class GetSupplierQuery extends Query<Supplier> {
  constructor(readonly id: string) {
    super();
  }
}
