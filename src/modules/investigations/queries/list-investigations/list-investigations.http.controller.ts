import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CachedRoute } from '../../../../platform/cache/index.js';
import { DatabaseUnavailableError, InvalidCursorError } from '../../../../platform/database/index.js';
import { ApiErrors, validateRequest } from '../../../../platform/http/index.js';
import { InvestigationPageResponseDto } from '../../dto/investigation.response.dto.js';
import { Public } from '../../../../platform/auth/index.js';
import { investigationTags } from '../../domain/investigation-cache-tags.js';
import type { Investigation } from '../../domain/investigation.js';
import { ListInvestigationsQuery } from './list-investigations.query.js';
import { ListInvestigationsRequestDto } from './list-investigations.request.dto.js';

@ApiTags('investigations')
@Public()
@Controller('investigations')
export class ListInvestigationsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @CachedRoute({ input: (request) => validateRequest(ListInvestigationsRequestDto, request.query), tags: () => [investigationTags.list] })
  @ApiOperation({ summary: 'Investigations, newest first, in keyset pages ({ items, nextCursor }).' })
  @ApiOkResponse({ type: InvestigationPageResponseDto })
  @ApiErrors({ 400: [InvalidCursorError], 503: [DatabaseUnavailableError] })
  list(@Query() query: ListInvestigationsRequestDto): Promise<{ items: Investigation[]; nextCursor: string | null }> {
    return this.queries.execute(new ListInvestigationsQuery(query.limit, query.cursor));
  }
}
