import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CacheStatsReport, TieredCache } from '../../../../platform/cache/index.js';
import { AdminTokenGuard } from '../../../../platform/http/index.js';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/cache')
@UseGuards(AdminTokenGuard)
export class GetCacheStatsHttpController {
  constructor(private readonly cache: TieredCache) {}

  @Get('stats')
  @ApiOperation({ summary: 'Hits and misses per tier and namespace, hit ratio, L1 size, coalesced loads, invalidations, Redis errors.' })
  stats(): CacheStatsReport {
    return this.cache.report();
  }
}
