import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CachedRoute } from '../../../../platform/cache/index.js';
import { Public } from '../../../../platform/auth/index.js';
import { contractTags } from '../../domain/contract-cache-tags.js';
import { type Contract } from '../../domain/contract.js';
import { ContractResponseDto } from '../../dto/contract.response.dto.js';
import { GetContractQuery } from './get-contract.query.js';
import { idInput, IdParamsDto, NoQueryDto } from '../../../../platform/http/index.js';

@ApiTags('contracts')
@Public()
@Controller('contracts')
export class GetContractHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @CachedRoute({ input: idInput, tags: (id) => [contractTags.one(id)], preRoute: true })
  @ApiOperation({ summary: 'One contract by id.' })
  @ApiOkResponse({ type: ContractResponseDto })
  @ApiNotFoundResponse({ description: 'CONTRACT.NOT_FOUND' })
  get(@Param() { id }: IdParamsDto, @Query() _query: NoQueryDto): Promise<Contract> {
    return this.queries.execute(new GetContractQuery(id));
  }
}
