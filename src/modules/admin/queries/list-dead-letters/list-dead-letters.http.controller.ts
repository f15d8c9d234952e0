import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { type DeadLetterPage, DeadLettersService } from '../../../../platform/events/index.js';
import { ApiErrors } from '../../../../platform/http/index.js';
import { AdminController } from '../../admin-controller.decorator.js';
import { DeadLetterPageResponseDto } from '../../dto/dead-letters.response.dto.js';
import { ListDeadLettersRequestDto } from './list-dead-letters.request.dto.js';

@AdminController('admin/events')
export class ListDeadLettersHttpController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  @Get('dead-letters')
  @ApiOperation({ summary: 'Events that exhausted their deliveries, newest first: group, original stream and entry id, envelope, error, deliveries.' })
  @ApiOkResponse({ type: DeadLetterPageResponseDto })
  @ApiErrors({ 503: ['EVENTS.REDIS_UNAVAILABLE'] })
  list(@Query() query: ListDeadLettersRequestDto): Promise<DeadLetterPage> {
    return this.deadLetters.list(query.limit, query.before);
  }
}
