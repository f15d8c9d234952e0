import { HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation } from '@nestjs/swagger';
import { CacheWarmingService, type WarmJob } from '../../../../platform/cache/index.js';
import { AdminController } from '../../../../platform/http/index.js';

@AdminController('admin/cache')
export class WarmCacheHttpController {
  constructor(private readonly warming: CacheWarmingService) {}

  @Post('warm')
  @HttpCode(202)
  @ApiOperation({ summary: 'Run every cache warmer now (or join the run in progress); follow it at GET /admin/cache/warm/:id.' })
  @ApiAcceptedResponse({ description: 'The job: id, status, progress per warmer.' })
  warm(): WarmJob {
    return this.warming.start('admin');
  }
}
