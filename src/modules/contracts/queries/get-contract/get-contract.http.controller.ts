import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CachedRoute } from '../../../../platform/cache/index.js';
import { Public } from '../../../../platform/auth/index.js';
import { contractTags } from '../../domain/contract-cache-tags.js';
import { type Contract } from '../../domain/contract.js';
import { ContractResponseDto } from '../../dto/contract.response.dto.js';
import { GetContractQuery } from './get-contract.query.js';
import { DatabaseUnavailableError } from '../../../../platform/database/index.js';
import { ApiErrors, idInput, IdParamsDto, NoQueryDto } from '../../../../platform/http/index.js';
import { ContractNotFoundError } from '../../domain/contract.errors.js';

@ApiTags('contracts')
@Public()
@Controller('contracts')
export class GetContractHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @CachedRoute({ input: idInput, tags: (id) => [contractTags.one(id)], preRoute: true })
  @ApiOperation({ summary: 'One contract by id.' })
  @ApiOkResponse({ type: ContractResponseDto })
  @ApiErrors({ 404: [ContractNotFoundError], 503: [DatabaseUnavailableError] })
  get(@Param() { id }: IdParamsDto, @Query() _query: NoQueryDto): Promise<Contract> {
    return this.queries.execute(new GetContractQuery(id));
  }
}
