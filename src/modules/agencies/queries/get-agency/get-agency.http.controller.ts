import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../../../platform/auth/index.js';
import { type Agency } from '../../domain/agency.js';
import { AgencyResponseDto } from '../../dto/agency.response.dto.js';
import { GetAgencyQuery } from './get-agency.query.js';
import { DatabaseUnavailableError } from '../../../../platform/database/index.js';
import { ApiErrors, IdParamsDto, NoQueryDto } from '../../../../platform/http/index.js';
import { AgencyNotFoundError } from '../../domain/agency.errors.js';

@ApiTags('agencies')
@Public()
@Controller('agencies')
export class GetAgencyHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @ApiOperation({ summary: 'One agency by id.' })
  @ApiOkResponse({ type: AgencyResponseDto })
  @ApiErrors({ 404: [AgencyNotFoundError], 503: [DatabaseUnavailableError] })
  get(@Param() { id }: IdParamsDto, @Query() _query: NoQueryDto): Promise<Agency> {
    return this.queries.execute(new GetAgencyQuery(id));
  }
}
