import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { NoQueryDto } from '../../../../platform/http/index.js';
import { type RedisPerformanceReport, RedisPerformanceReporter } from '../../../../platform/monitoring/index.js';
import { AdminController } from '../../admin-controller.decorator.js';
import { RedisPerformanceResponseDto } from '../../dto/redis-performance.response.dto.js';

@AdminController('admin/monitoring/redis')
export class GetRedisPerformanceHttpController {
  constructor(private readonly reporter: RedisPerformanceReporter) {}

  @Get('performance')
  @ApiOperation({ summary: "Redis health score (0-100) with findings and recommendations, over this process's command timing (last 1,000 operations, per minute for an hour, by command and connection role) and the server's INFO and SLOWLOG." })
  @ApiOkResponse({ type: RedisPerformanceResponseDto })
  performance(@Query() _query: NoQueryDto): Promise<RedisPerformanceReport> {
    return this.reporter.report();
  }
}
