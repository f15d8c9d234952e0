import { Get, Query } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { type CacheStatsReport, TieredCache } from '../../../../platform/cache/index.js';
import { NoQueryDto } from '../../../../platform/http/index.js';
import { AdminController } from '../../admin-controller.decorator.js';
import { CacheNamespaceStatsDto, CacheStatsResponseDto } from '../../dto/cache-stats.response.dto.js';

@AdminController('admin/cache')
@ApiExtraModels(CacheNamespaceStatsDto)
export class GetCacheStatsHttpController {
  constructor(private readonly cache: TieredCache) {}

  @Get('stats')
  @ApiOperation({ summary: 'Hits and misses per tier and namespace, hit ratio, L1 size, coalesced loads, invalidations, Redis errors.' })
  @ApiOkResponse({ type: CacheStatsResponseDto })
  stats(@Query() _query: NoQueryDto): CacheStatsReport {
    return this.cache.report();
  }
}
