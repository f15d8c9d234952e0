import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Cached } from '../../../../platform/cache/index.js';
import { contractTags } from '../../domain/contract-cache-tags.js';
import { type Contract } from '../../domain/contract.js';
import { ContractResponseDto } from '../../dto/contract.response.dto.js';
import { GetContractQuery } from './get-contract.query.js';

@ApiTags('contracts')
@Controller('contracts')
export class GetContractHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @Cached({ tags: (request) => [contractTags.one((request.params as { id: string }).id)] })
  @ApiOperation({ summary: 'One contract by id.' })
  @ApiOkResponse({ type: ContractResponseDto })
  @ApiNotFoundResponse({ description: 'CONTRACT.NOT_FOUND' })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<Contract> {
    return this.queries.execute(new GetContractQuery(id));
  }
}
