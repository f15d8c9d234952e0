import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CachedRoute } from '../../../../platform/cache/index.js';
import { Public } from '../../../../platform/auth/index.js';
import { type Supplier } from '../../domain/supplier.js';
import { SupplierResponseDto } from '../../dto/supplier.response.dto.js';
import { GetSupplierQuery } from './get-supplier.query.js';
import { DatabaseUnavailableError } from '../../../../platform/database/index.js';
import { ApiErrors, idInput, IdParamsDto, NoQueryDto } from '../../../../platform/http/index.js';
import { SupplierNotFoundError } from '../../domain/supplier.errors.js';

@ApiTags('suppliers')
@Public()
@Controller('suppliers')
export class GetSupplierHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @CachedRoute({ input: idInput, tags: (id) => [`supplier:${id}`] })
  @ApiOperation({ summary: 'One supplier by id.' })
  @ApiOkResponse({ type: SupplierResponseDto })
  @ApiErrors({ 404: [SupplierNotFoundError], 503: [DatabaseUnavailableError] })
  get(@Param() { id }: IdParamsDto, @Query() _query: NoQueryDto): Promise<Supplier> {
    return this.queries.execute(new GetSupplierQuery(id));
  }
}
