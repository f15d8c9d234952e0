import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { NoQueryDto } from '../../../../platform/http/index.js';
import { type PoolsReport, PoolsReporter } from '../../../../platform/monitoring/index.js';
import { AdminController } from '../../admin-controller.decorator.js';
import { PoolsReportResponseDto } from '../../dto/pools-report.response.dto.js';

@AdminController('admin/monitoring')
export class GetPoolsReportHttpController {
  constructor(private readonly reporter: PoolsReporter) {}

  @Get('pools')
  @ApiOperation({ summary: "Postgres pool use, waits, acquire times and exhaustion events, with sizing advice bounded by the server's max_connections across processes." })
  @ApiOkResponse({ type: PoolsReportResponseDto })
  pools(@Query() _query: NoQueryDto): Promise<PoolsReport> {
    return this.reporter.report();
  }
}
