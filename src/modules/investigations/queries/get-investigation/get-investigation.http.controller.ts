import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CachedRoute } from '../../../../platform/cache/index.js';
import { Public } from '../../../../platform/auth/index.js';
import { investigationTags } from '../../domain/investigation-cache-tags.js';
import type { InvestigationDetail } from '../../domain/investigation.js';
import { GetInvestigationQuery } from './get-investigation.query.js';
import { DatabaseUnavailableError } from '../../../../platform/database/index.js';
import { ApiErrors, idInput, IdParamsDto, NoQueryDto } from '../../../../platform/http/index.js';
import { InvestigationNotFoundError } from '../../domain/investigation.errors.js';
import { InvestigationDetailResponseDto } from '../../dto/investigation.response.dto.js';

@ApiTags('investigations')
@Public()
@Controller('investigations')
export class GetInvestigationHttpController {
  constructor(private readonly queries: QueryBus) {}

  /** Cached under `investigation:<id>`, which the worker bumps at every progress step and at the end. */
  @Get(':id')
  @CachedRoute({ input: idInput, tags: (id) => [investigationTags.one(id)] })
  @ApiOperation({ summary: 'Status, progress (0-100), a count of findings per agent and the strongest findings.' })
  @ApiOkResponse({ type: InvestigationDetailResponseDto })
  @ApiErrors({ 404: [InvestigationNotFoundError], 503: [DatabaseUnavailableError] })
  get(@Param() { id }: IdParamsDto, @Query() _query: NoQueryDto): Promise<InvestigationDetail> {
    return this.queries.execute(new GetInvestigationQuery(id));
  }
}
