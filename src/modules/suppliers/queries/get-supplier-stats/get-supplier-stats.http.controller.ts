import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CachedRoute } from '../../../../platform/cache/index.js';
import { Public } from '../../../../platform/auth/index.js';
import { supplierStatsTags } from '../../domain/supplier-cache-tags.js';
import { type SupplierStats } from '../../domain/supplier.js';
import { SupplierStatsResponseDto } from '../../dto/supplier-stats.response.dto.js';
import { GetSupplierStatsQuery } from './get-supplier-stats.query.js';
import { DatabaseUnavailableError } from '../../../../platform/database/index.js';
import { ApiErrors, idInput, IdParamsDto, NoQueryDto } from '../../../../platform/http/index.js';
import { SupplierNotFoundError } from '../../domain/supplier.errors.js';

@ApiTags('suppliers')
@Public()
@Controller('suppliers')
export class GetSupplierStatsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/stats')
  @CachedRoute({ input: idInput, tags: (id) => supplierStatsTags.of(id) })
  @ApiOperation({ summary: 'Totals by currency and category, agencies served, and the top 10 agencies by amount (eventually consistent).' })
  @ApiOkResponse({ type: SupplierStatsResponseDto })
  @ApiErrors({ 404: [SupplierNotFoundError], 503: [DatabaseUnavailableError] })
  get(@Param() { id }: IdParamsDto, @Query() _query: NoQueryDto): Promise<SupplierStats> {
    return this.queries.execute(new GetSupplierStatsQuery(id));
  }
}
