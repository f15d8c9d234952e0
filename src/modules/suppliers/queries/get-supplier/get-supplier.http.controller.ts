import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CachedRoute } from '../../../../platform/cache/index.js';
import { canonicalUuid } from '../../../../platform/http/index.js';
import { Public } from '../../../../platform/auth/index.js';
import { type Supplier } from '../../domain/supplier.js';
import { SupplierResponseDto } from '../../dto/supplier.response.dto.js';
import { GetSupplierQuery } from './get-supplier.query.js';

@ApiTags('suppliers')
@Public()
@Controller('suppliers')
export class GetSupplierHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @CachedRoute({ input: (request) => canonicalUuid((request.params as { id?: unknown }).id, 'id'), tags: (id) => [`supplier:${id}`] })
  @ApiOperation({ summary: 'One supplier by id.' })
  @ApiOkResponse({ type: SupplierResponseDto })
  @ApiNotFoundResponse({ description: 'SUPPLIER.NOT_FOUND' })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<Supplier> {
    return this.queries.execute(new GetSupplierQuery(id));
  }
}
