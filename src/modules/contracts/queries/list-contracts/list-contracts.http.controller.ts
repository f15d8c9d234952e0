import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Cached } from '../../../../platform/cache/index.js';
import { contractTags } from '../../domain/contract-cache-tags.js';
import { type Contract } from '../../domain/contract.js';
import { type ContractPage } from '../../domain/contract-filters.js';
import { ContractPageResponseDto } from '../../dto/contract.response.dto.js';
import { ContractsRepository } from '../../infrastructure/contracts.repository.js';
import { ListContractsRequestDto } from './list-contracts.request.dto.js';
import { toContractFilters } from './to-contract-filters.js';

@ApiTags('contracts')
@Controller('contracts')
export class ListContractsHttpController {
  constructor(private readonly contracts: ContractsRepository) {}

  @Get()
  @Cached({ tags: () => [contractTags.lists] })
  @ApiOperation({ summary: 'Contracts, newest first, filtered, in keyset pages.' })
  @ApiOkResponse({ type: ContractPageResponseDto })
  list(@Query() query: ListContractsRequestDto): Promise<ContractPage<Contract>> {
    return this.contracts.list(toContractFilters(query), query.cursor, query.limit);
  }
}
