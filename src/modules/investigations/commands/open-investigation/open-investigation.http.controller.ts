import { Body, Controller, HttpCode, Post, Req, Res, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AGENT_NAMES } from '../../../analysis/index.js';
import { InvalidateTags } from '../../../../platform/cache/index.js';
import { RateLimitBudget, RateLimitSubjects } from '../../../../platform/rate-limit/index.js';
import { investigationTags } from '../../domain/investigation-cache-tags.js';
import type { Investigation } from '../../domain/investigation.js';
import { OpenInvestigationCommand } from './open-investigation.command.js';
import { OpenInvestigationRequestDto } from './open-investigation.request.dto.js';
import { NoQueryDto } from '../../../../platform/http/index.js';

@ApiTags('investigations')
@Controller('investigations')
export class OpenInvestigationHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly subjects: RateLimitSubjects,
  ) {}

  @Post()
  @HttpCode(202)
  @RateLimitBudget('investigations')
  @InvalidateTags(() => [investigationTags.list])
  @ApiOperation({ summary: 'Open an investigation: agents analyse the contracts in scope in the background; follow it at the Location given. The same scope and agents within the compute TTL return the run already opened (reused: true).' })
  @ApiAcceptedResponse({ description: 'The investigation, queued (or reused)' })
  @ApiBadRequestResponse({ description: 'REQUEST.INVALID or INVESTIGATION.INVALID_SCOPE' })
  @ApiTooManyRequestsResponse({ description: 'REQUEST.RATE_LIMITED, INVESTIGATIONS.TOO_MANY_RUNNING or INVESTIGATIONS.QUOTA_EXCEEDED, with Retry-After' })
  @ApiServiceUnavailableResponse({ description: 'INVESTIGATIONS.BUSY, with Retry-After' })
  async open(@Body() body: OpenInvestigationRequestDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @Query() _query: NoQueryDto): Promise<Investigation & { reused: boolean }> {
    const { investigation, reused } = await this.commands.execute(new OpenInvestigationCommand({ ...body.scope }, body.agents ?? [...AGENT_NAMES], request.id, this.actorOf(request)));
    void reply.header('location', `/investigations/${investigation.id}`);
    return { ...investigation, reused };
  }

  /**
   * The actor quotas are counted for: the caller as the rate limiter counts it (its key, or
   * `anonymous:<address>`). The identity layer's actor replaces it once requests carry one.
   */
  private actorOf(request: FastifyRequest): string {
    const { tier, id } = this.subjects.of(request.raw);
    return `${tier}:${id}`;
  }
}
