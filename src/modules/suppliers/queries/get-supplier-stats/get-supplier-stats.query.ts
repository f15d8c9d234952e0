import { Query } from '@nestjs/cqrs';
import { type SupplierStats } from '../../domain/supplier.js';

export class GetSupplierStatsQuery extends Query<SupplierStats> {
  constructor(readonly supplierId: string) {
    super();
  }
}
