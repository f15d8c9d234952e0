import { Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CacheWarmJobs, type WarmJobView } from '../../../../platform/cache/index.js';
import { AppError } from '../../../../platform/errors/index.js';
import { ApiErrors, NoQueryDto } from '../../../../platform/http/index.js';
import { AdminController } from '../../admin-controller.decorator.js';
import { WarmJobResponseDto } from '../../dto/warm-job.response.dto.js';

export class WarmJobNotFoundError extends AppError {
  static readonly code = 'WARM_JOB.NOT_FOUND';
  readonly code = WarmJobNotFoundError.code;
  readonly kind = 'not_found' as const;
}

@AdminController('admin/cache')
export class GetWarmJobHttpController {
  constructor(private readonly jobs: CacheWarmJobs) {}

  @Get('warm/:id')
  @ApiOperation({ summary: 'State and progress (0-100) of a cache-warm job, from the queue (finished jobs are kept as JOBS_KEEP_* says).' })
  @ApiOkResponse({ type: WarmJobResponseDto })
  @ApiErrors({ 404: [WarmJobNotFoundError] })
  async get(@Param('id') id: string, @Query() _query: NoQueryDto): Promise<WarmJobView> {
    const job = await this.jobs.job(id);
    if (!job) throw new WarmJobNotFoundError(`Warm job ${id} not found`);
    return job;
  }
}
