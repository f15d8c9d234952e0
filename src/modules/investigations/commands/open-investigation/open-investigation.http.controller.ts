import { Body, Controller, HttpCode, Post, Req, Res, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AGENT_NAMES } from '../../../analysis/index.js';
import { InvalidateTags } from '../../../../platform/cache/index.js';
import { Actor, AuthRequiredError, Roles } from '../../../../platform/auth/index.js';
import { RateLimitBudget } from '../../../../platform/rate-limit/index.js';
import { investigationTags } from '../../domain/investigation-cache-tags.js';
import type { Investigation } from '../../domain/investigation.js';
import { OpenInvestigationCommand } from './open-investigation.command.js';
import { OpenInvestigationRequestDto } from './open-investigation.request.dto.js';
import { NoQueryDto } from '../../../../platform/http/index.js';

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
  @ApiAcceptedResponse({ description: 'The investigation, queued (or reused)' })
  @ApiBadRequestResponse({ description: 'REQUEST.INVALID or INVESTIGATION.INVALID_SCOPE' })
  @ApiTooManyRequestsResponse({ description: 'REQUEST.RATE_LIMITED, INVESTIGATIONS.TOO_MANY_RUNNING or INVESTIGATIONS.QUOTA_EXCEEDED, with Retry-After' })
  @ApiServiceUnavailableResponse({ description: 'INVESTIGATIONS.BUSY, with Retry-After' })
  async open(@Body() body: OpenInvestigationRequestDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @Query() _query: NoQueryDto, @Actor() actor: string | null): Promise<Investigation & { reused: boolean }> {
    // The route's role means a caller is known; quotas are counted per actor.
    if (actor === null) throw new AuthRequiredError('Opening an investigation needs credentials with the analyst role');
    const { investigation, reused } = await this.commands.execute(new OpenInvestigationCommand({ ...body.scope }, body.agents ?? [...AGENT_NAMES], request.id, actor));
    void reply.header('location', `/investigations/${investigation.id}`);
    return { ...investigation, reused };
  }
}
