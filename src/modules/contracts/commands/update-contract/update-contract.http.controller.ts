import { Body, Controller, Param, Patch, Req, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyRequest } from 'fastify';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, Roles } from '../../../../platform/auth/index.js';
import { type Contract } from '../../domain/contract.js';
import { ContractResponseDto } from '../../dto/contract.response.dto.js';
import { UpdateContractRequestDto } from './update-contract.request.dto.js';
import { UpdateContractCommand } from './update-contract.command.js';
import { IdParamsDto, NoQueryDto } from '../../../../platform/http/index.js';

@ApiTags('contracts')
@Controller('contracts')
export class UpdateContractHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Patch(':id')
  @Roles('editor')
  @ApiOperation({ summary: 'Change some fields of a contract, guarded by its version.' })
  @ApiOkResponse({ type: ContractResponseDto })
  @ApiNotFoundResponse({ description: 'CONTRACT.NOT_FOUND' })
  @ApiConflictResponse({ description: 'CONTRACT.VERSION_CONFLICT: the version sent is stale' })
  update(@Param() { id }: IdParamsDto, @Body() body: UpdateContractRequestDto, @Req() request: FastifyRequest, @Query() _query: NoQueryDto, @Actor() actor: string | null): Promise<Contract> {
    const { version, ...changes } = body;
    return this.commands.execute(new UpdateContractCommand(id, version, changes, request.id, actor));
  }
}
