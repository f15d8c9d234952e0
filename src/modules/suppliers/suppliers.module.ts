import { Module } from '@nestjs/common';
import { SupplierStatsRepository } from './infrastructure/supplier-stats.repository.js';
import { SuppliersRepository } from './infrastructure/suppliers.repository.js';
import { GetSupplierStatsHttpController } from './queries/get-supplier-stats/get-supplier-stats.http.controller.js';
import { GetSupplierStatsQueryHandler } from './queries/get-supplier-stats/get-supplier-stats.query-handler.js';
import { GetSupplierHttpController } from './queries/get-supplier/get-supplier.http.controller.js';
import { GetSupplierQueryHandler } from './queries/get-supplier/get-supplier.query-handler.js';

@Module({
  controllers: [GetSupplierHttpController, GetSupplierStatsHttpController],
  providers: [SuppliersRepository, SupplierStatsRepository, GetSupplierQueryHandler, GetSupplierStatsQueryHandler],
  exports: [SuppliersRepository],
})
export class SuppliersModule {}
