import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Supplier } from '../../domain/supplier.js';
import { SupplierResponseDto } from '../../dto/supplier.response.dto.js';
import { SuppliersRepository } from '../../infrastructure/suppliers.repository.js';

@ApiTags('suppliers')
@Controller('suppliers')
export class GetSupplierHttpController {
  constructor(private readonly suppliers: SuppliersRepository) {}

  @Get(':id')
  @ApiOperation({ summary: 'One supplier by id.' })
  @ApiOkResponse({ type: SupplierResponseDto })
  @ApiNotFoundResponse({ description: 'SUPPLIER.NOT_FOUND' })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<Supplier> {
    return this.suppliers.findById(id);
  }
}
