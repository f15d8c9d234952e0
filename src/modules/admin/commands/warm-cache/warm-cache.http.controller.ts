import { HttpCode, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation } from '@nestjs/swagger';
import { CacheWarmJobs, type WarmJobView } from '../../../../platform/cache/index.js';
import { NoQueryDto } from '../../../../platform/http/index.js';
import { AdminController } from '../../admin-controller.decorator.js';
import { WarmJobResponseDto } from '../../dto/warm-job.response.dto.js';

@AdminController('admin/cache')
export class WarmCacheHttpController {
  constructor(private readonly jobs: CacheWarmJobs) {}

  @Post('warm')
  @HttpCode(202)
  @ApiOperation({ summary: 'Queue a cache-warm job (or get the one already waiting or running); follow it at GET /admin/cache/warm/:id.' })
  @ApiAcceptedResponse({ type: WarmJobResponseDto, description: 'The job: id, state, progress (0-100).' })
  warm(@Query() _query: NoQueryDto): Promise<WarmJobView> {
    return this.jobs.enqueue('admin');
  }
}
