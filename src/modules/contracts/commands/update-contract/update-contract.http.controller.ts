import { Body, Controller, Param, Patch, Req, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyRequest } from 'fastify';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, Roles } from '../../../../platform/auth/index.js';
import { type Contract } from '../../domain/contract.js';
import { ContractResponseDto } from '../../dto/contract.response.dto.js';
import { UpdateContractRequestDto } from './update-contract.request.dto.js';
import { UpdateContractCommand } from './update-contract.command.js';
import { DatabaseUnavailableError } from '../../../../platform/database/index.js';
import { ApiErrors, IdParamsDto, NoQueryDto } from '../../../../platform/http/index.js';
import { ContractNotFoundError, ContractVersionConflictError, UnknownReferenceError } from '../../domain/contract.errors.js';

@ApiTags('contracts')
@Controller('contracts')
export class UpdateContractHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Patch(':id')
  @Roles('editor')
  @ApiOperation({ summary: 'Change some fields of a contract, guarded by its version.' })
  @ApiOkResponse({ type: ContractResponseDto })
  @ApiErrors({ 400: [UnknownReferenceError], 404: [ContractNotFoundError], 409: [ContractVersionConflictError], 503: [DatabaseUnavailableError] })
  update(@Param() { id }: IdParamsDto, @Body() body: UpdateContractRequestDto, @Req() request: FastifyRequest, @Query() _query: NoQueryDto, @Actor() actor: string | null): Promise<Contract> {
    const { version, ...changes } = body;
    return this.commands.execute(new UpdateContractCommand(id, version, changes, request.id, actor));
  }
}
