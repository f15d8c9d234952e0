import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { type DependencyHealthReport, DependencyHealthService } from '../../../../platform/health/index.js';
import { NoQueryDto } from '../../../../platform/http/index.js';
import { AdminController } from '../../admin-controller.decorator.js';
import { DependencyHealthResponseDto } from '../../dto/dependency-health.response.dto.js';

@AdminController('admin/health')
export class GetDependencyHealthHttpController {
  constructor(private readonly health: DependencyHealthService) {}

  @Get()
  @ApiOperation({ summary: "Every dependency of this process (Postgres, Redis, and where the worker role runs its relay, consumers and agent pool) with status, check time and server versions; 200 even when one is down (see status)." })
  @ApiOkResponse({ type: DependencyHealthResponseDto })
  dependencies(@Query() _query: NoQueryDto): Promise<DependencyHealthReport> {
    return this.health.report();
  }
}
