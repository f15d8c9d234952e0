import { Module } from '@nestjs/common';
import { SuppliersRepository } from './infrastructure/suppliers.repository.js';
import { GetSupplierHttpController } from './queries/get-supplier/get-supplier.http.controller.js';
import { GetSupplierQueryHandler } from './queries/get-supplier/get-supplier.query-handler.js';

@Module({
  controllers: [GetSupplierHttpController],
  providers: [SuppliersRepository, GetSupplierQueryHandler],
  exports: [SuppliersRepository],
})
export class SuppliersModule {}
