import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Cached } from '../../../../platform/cache/index.js';
import { supplierStatsTags } from '../../domain/supplier-cache-tags.js';
import { type SupplierStats } from '../../domain/supplier.js';
import { SupplierStatsRepository } from '../../infrastructure/supplier-stats.repository.js';
import { GetSupplierStatsQuery } from './get-supplier-stats.query.js';

/** Cached for every caller of the query, not only HTTP. */
@QueryHandler(GetSupplierStatsQuery)
export class GetSupplierStatsQueryHandler implements IQueryHandler<GetSupplierStatsQuery, SupplierStats> {
  constructor(private readonly stats: SupplierStatsRepository) {}

  @Cached<GetSupplierStatsQuery, SupplierStats>({ namespace: 'compute', tags: (query) => supplierStatsTags.of(query.supplierId) })
  execute(query: GetSupplierStatsQuery): Promise<SupplierStats> {
    return this.stats.forSupplier(query.supplierId);
  }
}
