import { HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOperation } from '@nestjs/swagger';
import { type DeadLetterReplay, DeadLettersService } from '../../../../platform/events/index.js';
import { NoQueryDto } from '../../../../platform/http/index.js';
import { AdminController } from '../../admin-controller.decorator.js';

@AdminController('admin/events')
export class ReplayDeadLetterHttpController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  @Post('dead-letters/:id/replay')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Publishes the envelope again to its original stream and removes the dead letter. Every group of that stream sees it again; groups that had applied it skip it (idempotent by event id).',
  })
  @ApiNotFoundResponse({ description: 'EVENTS.DEAD_LETTER_NOT_FOUND' })
  replay(@Param('id') id: string, @Query() _query: NoQueryDto): Promise<DeadLetterReplay> {
    return this.deadLetters.replay(id);
  }
}
