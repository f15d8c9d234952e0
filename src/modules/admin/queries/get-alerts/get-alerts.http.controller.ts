import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { NoQueryDto } from '../../../../platform/http/index.js';
import { type AlertsReport, AlertsService } from '../../../../platform/monitoring/index.js';
import { AdminController } from '../../admin-controller.decorator.js';
import { AlertsResponseDto } from '../../dto/monitoring.response.dto.js';

@AdminController('admin/alerts')
export class GetAlertsHttpController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  @ApiOperation({ summary: 'Pending and firing alerts (warning and critical levels of each threshold), and every rule with its current value; evaluated every MONITOR_INTERVAL_MS.' })
  @ApiOkResponse({ type: AlertsResponseDto })
  alertsNow(@Query() _query: NoQueryDto): Promise<AlertsReport> {
    return this.alerts.report();
  }
}
