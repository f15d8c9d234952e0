import { Body, Controller, HttpCode, Post, Req, Res, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AGENT_NAMES } from '../../../analysis/index.js';
import { InvalidateTags } from '../../../../platform/cache/index.js';
import { Actor, AuthRequiredError, Roles } from '../../../../platform/auth/index.js';
import { RateLimitBudget } from '../../../../platform/rate-limit/index.js';
import { investigationTags } from '../../domain/investigation-cache-tags.js';
import type { Investigation } from '../../domain/investigation.js';
import { OpenInvestigationCommand } from './open-investigation.command.js';
import { OpenInvestigationRequestDto } from './open-investigation.request.dto.js';
import { DatabaseUnavailableError } from '../../../../platform/database/index.js';
import { ApiErrors, NoQueryDto } from '../../../../platform/http/index.js';
import { InvalidInvestigationScopeError, InvestigationQuotaExceededError, InvestigationsBusyError, TooManyRunningInvestigationsError } from '../../domain/investigation.errors.js';
import { OpenedInvestigationResponseDto } from '../../dto/investigation.response.dto.js';

@ApiTags('investigations')
@Controller('investigations')
export class OpenInvestigationHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('analyst')
  @HttpCode(202)
  @RateLimitBudget('investigations')
  @InvalidateTags(() => [investigationTags.list])
  @ApiOperation({ summary: 'Open an investigation: agents analyse the contracts in scope in the background; follow it at the Location given. The same scope and agents within the compute TTL return the run already opened (reused: true).' })
  @ApiAcceptedResponse({
    type: OpenedInvestigationResponseDto,
    description: 'The investigation, queued (or the one already open for this scope and agents).',
    headers: { Location: { required: true, description: 'Where to follow it: `/investigations/<id>`.', schema: { type: 'string' } } },
  })
  @ApiErrors({
    400: [InvalidInvestigationScopeError],
    429: [TooManyRunningInvestigationsError, InvestigationQuotaExceededError],
    503: [InvestigationsBusyError, DatabaseUnavailableError],
  })
  async open(@Body() body: OpenInvestigationRequestDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @Query() _query: NoQueryDto, @Actor() actor: string | null): Promise<Investigation & { reused: boolean }> {
    // The route's role means a caller is known; quotas are counted per actor.
    if (actor === null) throw new AuthRequiredError('Opening an investigation needs credentials with the analyst role');
    const { investigation, reused } = await this.commands.execute(new OpenInvestigationCommand({ ...body.scope }, body.agents ?? [...AGENT_NAMES], request.id, actor));
    void reply.header('location', `/investigations/${investigation.id}`);
    return { ...investigation, reused };
  }
}
