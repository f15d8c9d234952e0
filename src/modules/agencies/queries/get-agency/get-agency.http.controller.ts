import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../../../platform/auth/index.js';
import { type Agency } from '../../domain/agency.js';
import { AgencyResponseDto } from '../../dto/agency.response.dto.js';
import { GetAgencyQuery } from './get-agency.query.js';
import { IdParamsDto, NoQueryDto } from '../../../../platform/http/index.js';

@ApiTags('agencies')
@Public()
@Controller('agencies')
export class GetAgencyHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @ApiOperation({ summary: 'One agency by id.' })
  @ApiOkResponse({ type: AgencyResponseDto })
  @ApiNotFoundResponse({ description: 'AGENCY.NOT_FOUND' })
  get(@Param() { id }: IdParamsDto, @Query() _query: NoQueryDto): Promise<Agency> {
    return this.queries.execute(new GetAgencyQuery(id));
  }
}
