import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { NoQueryDto } from '../../../../platform/http/index.js';
import { type CacheReport, CacheReporter } from '../../../../platform/monitoring/index.js';
import { AdminController } from '../../admin-controller.decorator.js';
import { CacheReportResponseDto } from '../../dto/cache-report.response.dto.js';

@AdminController('admin/monitoring')
export class GetCacheReportHttpController {
  constructor(private readonly reporter: CacheReporter) {}

  @Get('cache')
  @ApiOperation({ summary: 'Cache hit ratio and volume per namespace and route, the hottest keys and their namespaces, TTL advice, and the routes that would gain most from caching.' })
  @ApiOkResponse({ type: CacheReportResponseDto })
  cache(@Query() _query: NoQueryDto): CacheReport {
    return this.reporter.report();
  }
}
