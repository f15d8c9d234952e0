import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EventStreamsInspector, type EventStreamsReport } from '../../../../platform/events/index.js';
import { AdminTokenGuard } from '../../../../platform/http/index.js';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/events')
@UseGuards(AdminTokenGuard)
export class GetEventStreamsHttpController {
  constructor(private readonly inspector: EventStreamsInspector) {}

  @Get('streams')
  @ApiOperation({ summary: 'Outbox backlog, and each event stream: length, last id, and per consumer group its consumers, pending entries and lag.' })
  streams(): Promise<EventStreamsReport> {
    return this.inspector.report();
  }
}
