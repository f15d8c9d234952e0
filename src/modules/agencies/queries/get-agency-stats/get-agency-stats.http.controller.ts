import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CachedRoute } from '../../../../platform/cache/index.js';
import { Public } from '../../../../platform/auth/index.js';
import { agencyStatsTags } from '../../domain/agency-cache-tags.js';
import { type AgencyStats } from '../../domain/agency.js';
import { AgencyStatsResponseDto } from '../../dto/agency.response.dto.js';
import { GetAgencyStatsQuery } from './get-agency-stats.query.js';
import { DatabaseUnavailableError } from '../../../../platform/database/index.js';
import { ApiErrors, idInput, IdParamsDto, NoQueryDto } from '../../../../platform/http/index.js';
import { AgencyNotFoundError } from '../../domain/agency.errors.js';

@ApiTags('agencies')
@Public()
@Controller('agencies')
export class GetAgencyStatsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/stats')
  @CachedRoute({
    input: idInput,
    tags: (id) => agencyStatsTags.of(id),
    resultTags: (body) => agencyStatsTags.fromResult(body as AgencyStats),
    preRoute: true,
  })
  @ApiOperation({ summary: 'Totals by category and by month, and the top 10 suppliers by amount.' })
  @ApiOkResponse({ type: AgencyStatsResponseDto })
  @ApiErrors({ 404: [AgencyNotFoundError], 503: [DatabaseUnavailableError] })
  get(@Param() { id }: IdParamsDto, @Query() _query: NoQueryDto): Promise<AgencyStats> {
    return this.queries.execute(new GetAgencyStatsQuery(id));
  }
}
