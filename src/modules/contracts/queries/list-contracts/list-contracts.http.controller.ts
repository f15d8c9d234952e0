import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CachedRoute } from '../../../../platform/cache/index.js';
import { DatabaseUnavailableError, InvalidCursorError } from '../../../../platform/database/index.js';
import { ApiErrors, validateRequest } from '../../../../platform/http/index.js';
import { InvalidContractFilterError } from '../../domain/contract.errors.js';
import { Public } from '../../../../platform/auth/index.js';
import { contractTags } from '../../domain/contract-cache-tags.js';
import { type Contract } from '../../domain/contract.js';
import { type ContractPage } from '../../domain/contract-filters.js';
import { ContractPageResponseDto } from '../../dto/contract.response.dto.js';
import { ListContractsQuery } from './list-contracts.query.js';
import { ListContractsRequestDto } from './list-contracts.request.dto.js';
import { toContractFilters } from './to-contract-filters.js';

@ApiTags('contracts')
@Public()
@Controller('contracts')
export class ListContractsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @CachedRoute({ input: (request) => validateRequest(ListContractsRequestDto, request.query), tags: () => [contractTags.lists], preRoute: true })
  @ApiOperation({ summary: 'Contracts, newest first, filtered, in keyset pages.' })
  @ApiOkResponse({ type: ContractPageResponseDto })
  @ApiErrors({ 400: [InvalidContractFilterError, InvalidCursorError], 503: [DatabaseUnavailableError] })
  list(@Query() query: ListContractsRequestDto): Promise<ContractPage<Contract>> {
    return this.queries.execute(new ListContractsQuery(toContractFilters(query), query.cursor, query.limit));
  }
}
