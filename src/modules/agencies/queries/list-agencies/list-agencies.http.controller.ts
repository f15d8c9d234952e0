import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../../../platform/auth/index.js';
import { DatabaseUnavailableError, InvalidCursorError } from '../../../../platform/database/index.js';
import { ApiErrors } from '../../../../platform/http/index.js';
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
  @ApiErrors({ 400: [InvalidCursorError], 503: [DatabaseUnavailableError] })
  list(@Query() query: ListAgenciesRequestDto): Promise<AgencyPage> {
    return this.queries.execute(new ListAgenciesQuery(query.cursor, query.limit));
  }
}
