import { Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { EventStreamsInspector, type EventStreamsReport } from '../../../../platform/events/index.js';
import { NoQueryDto } from '../../../../platform/http/index.js';
import { AdminController } from '../../admin-controller.decorator.js';

@AdminController('admin/events')
export class GetEventStreamsHttpController {
  constructor(private readonly inspector: EventStreamsInspector) {}

  @Get('streams')
  @ApiOperation({ summary: 'Outbox backlog, and each event stream: length, last id, and per consumer group its consumers, pending entries and lag.' })
  streams(@Query() _query: NoQueryDto): Promise<EventStreamsReport> {
    return this.inspector.report();
  }
}
