import { HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { DeadLetterNotFoundError, DeadLetterNotReplayableError, type DeadLetterReplay, DeadLettersService } from '../../../../platform/events/index.js';
import { ApiErrors, NoQueryDto } from '../../../../platform/http/index.js';
import { AdminController } from '../../admin-controller.decorator.js';
import { DeadLetterReplayResponseDto } from '../../dto/dead-letters.response.dto.js';

@AdminController('admin/events')
export class ReplayDeadLetterHttpController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  @Post('dead-letters/:id/replay')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Publishes the envelope again to its original stream and removes the dead letter. Every group of that stream sees it again; groups that had applied it skip it (idempotent by event id).',
  })
  @ApiOkResponse({ type: DeadLetterReplayResponseDto })
  @ApiErrors({ 404: [DeadLetterNotFoundError], 409: [DeadLetterNotReplayableError], 503: ['EVENTS.REDIS_UNAVAILABLE'] })
  replay(@Param('id') id: string, @Query() _query: NoQueryDto): Promise<DeadLetterReplay> {
    return this.deadLetters.replay(id);
  }
}
