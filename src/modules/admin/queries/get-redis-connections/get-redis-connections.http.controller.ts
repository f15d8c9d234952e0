import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { NoQueryDto } from '../../../../platform/http/index.js';
import { type RedisConnectionsReport, RedisConnectionsReporter } from '../../../../platform/monitoring/index.js';
import { AdminController } from '../../admin-controller.decorator.js';
import { RedisConnectionsResponseDto } from '../../dto/redis-connections.response.dto.js';

@AdminController('admin/monitoring/redis')
export class GetRedisConnectionsHttpController {
  constructor(private readonly reporter: RedisConnectionsReporter) {}

  @Get('connections')
  @ApiOperation({ summary: "This process's Redis connections (role, status, commands, reconnects) and the server's clients grouped by connection name, with advice." })
  @ApiOkResponse({ type: RedisConnectionsResponseDto })
  connections(@Query() _query: NoQueryDto): Promise<RedisConnectionsReport> {
    return this.reporter.report();
  }
}
