import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { EventStreamsInspector, type EventStreamsReport } from '../../../../platform/events/index.js';
import { DatabaseUnavailableError } from '../../../../platform/database/index.js';
import { ApiErrors, NoQueryDto } from '../../../../platform/http/index.js';
import { AdminController } from '../../admin-controller.decorator.js';
import { EventStreamsResponseDto } from '../../dto/event-streams.response.dto.js';

@AdminController('admin/events')
export class GetEventStreamsHttpController {
  constructor(private readonly inspector: EventStreamsInspector) {}

  @Get('streams')
  @ApiOperation({ summary: 'Outbox backlog, and each event stream: length, last id, and per consumer group its consumers, pending entries and lag.' })
  @ApiOkResponse({ type: EventStreamsResponseDto })
  @ApiErrors({ 503: ['EVENTS.REDIS_UNAVAILABLE', DatabaseUnavailableError] })
  streams(@Query() _query: NoQueryDto): Promise<EventStreamsReport> {
    return this.inspector.report();
  }
}
