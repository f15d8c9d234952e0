import { Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { type DeadLetterPage, DeadLettersService } from '../../../../platform/events/index.js';
import { AdminController } from '../../admin-controller.decorator.js';
import { ListDeadLettersRequestDto } from './list-dead-letters.request.dto.js';

@AdminController('admin/events')
export class ListDeadLettersHttpController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  @Get('dead-letters')
  @ApiOperation({ summary: 'Events that exhausted their deliveries, newest first: group, original stream and entry id, envelope, error, deliveries.' })
  list(@Query() query: ListDeadLettersRequestDto): Promise<DeadLetterPage> {
    return this.deadLetters.list(query.limit, query.before);
  }
}
