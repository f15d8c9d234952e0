import { Module } from '@nestjs/common';
import { SuppliersRepository } from './infrastructure/suppliers.repository.js';
import { GetSupplierHttpController } from './queries/get-supplier/get-supplier.http.controller.js';

@Module({
  controllers: [GetSupplierHttpController],
  providers: [SuppliersRepository],
  exports: [SuppliersRepository],
})
export class SuppliersModule {}
