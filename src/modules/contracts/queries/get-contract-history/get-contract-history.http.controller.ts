import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../../../platform/auth/index.js';
import { CachedRoute } from '../../../../platform/cache/index.js';
import { DatabaseUnavailableError, InvalidCursorError } from '../../../../platform/database/index.js';
import { ApiErrors, canonicalUuid, validateRequest } from '../../../../platform/http/index.js';
import { ContractNotFoundError } from '../../domain/contract.errors.js';
import { contractTags } from '../../domain/contract-cache-tags.js';
import type { ContractHistoryPage } from '../../domain/contract-history.js';
import { ContractHistoryResponseDto } from '../../dto/contract-version.response.dto.js';
import { GetContractHistoryQuery } from './get-contract-history.query.js';
import { GetContractHistoryRequestDto } from './get-contract-history.request.dto.js';

@ApiTags('contracts')
@Public()
@Controller('contracts')
export class GetContractHistoryHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/history')
  @CachedRoute({
    input: (request) => ({ id: canonicalUuid((request.params as { id?: unknown }).id, 'id'), page: validateRequest(GetContractHistoryRequestDto, request.query) }),
    tags: ({ id }) => [contractTags.one(id)],
  })
  @ApiOperation({ summary: "A contract's versions from the event log, oldest first: when, by whom, and which fields each set (keyset pages)." })
  @ApiOkResponse({ type: ContractHistoryResponseDto })
  @ApiErrors({ 400: [InvalidCursorError], 404: [ContractNotFoundError], 503: [DatabaseUnavailableError] })
  history(@Param('id', new ParseUUIDPipe()) id: string, @Query() query: GetContractHistoryRequestDto): Promise<ContractHistoryPage> {
    return this.queries.execute(new GetContractHistoryQuery(id, query.limit ?? 50, query.cursor));
  }
}
