import { Body, Controller, HttpCode, Post, Req, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyRequest } from 'fastify';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InvalidateTags } from '../../../../platform/cache/index.js';
import { Actor, Roles } from '../../../../platform/auth/index.js';
import { contractTags } from '../../domain/contract-cache-tags.js';
import { type Contract } from '../../domain/contract.js';
import { ContractResponseDto } from '../../dto/contract.response.dto.js';
import { CreateContractRequestDto } from './create-contract.request.dto.js';
import { CreateContractCommand } from './create-contract.command.js';
import { DatabaseUnavailableError } from '../../../../platform/database/index.js';
import { ApiErrors, NoQueryDto } from '../../../../platform/http/index.js';
import { UnknownReferenceError } from '../../domain/contract.errors.js';

@ApiTags('contracts')
@Controller('contracts')
export class CreateContractHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('editor')
  @HttpCode(201)
  @InvalidateTags((_request, created) => contractTags.written(created as Contract))
  @ApiOperation({ summary: 'Record a signed contract.' })
  @ApiCreatedResponse({ type: ContractResponseDto })
  @ApiErrors({ 400: [UnknownReferenceError], 503: [DatabaseUnavailableError] })
  create(@Body() body: CreateContractRequestDto, @Req() request: FastifyRequest, @Query() _query: NoQueryDto, @Actor() actor: string | null): Promise<Contract> {
    return this.commands.execute(new CreateContractCommand({ ...body, metadata: body.metadata ?? {} }, request.id, actor));
  }
}
