import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../../../platform/auth/index.js';
import { type AgencyPage } from '../../domain/agency.js';
import { AgencyPageResponseDto } from '../../dto/agency.response.dto.js';
import { ListAgenciesQuery } from './list-agencies.query.js';
import { ListAgenciesRequestDto } from './list-agencies.request.dto.js';

@ApiTags('agencies')
@Public()
@Controller('agencies')
export class ListAgenciesHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Agencies by name, in keyset pages.' })
  @ApiOkResponse({ type: AgencyPageResponseDto })
  list(@Query() query: ListAgenciesRequestDto): Promise<AgencyPage> {
    return this.queries.execute(new ListAgenciesQuery(query.cursor, query.limit));
  }
}
