import { Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOperation } from '@nestjs/swagger';
import { CacheWarmingService, type WarmJob } from '../../../../platform/cache/index.js';
import { AppError } from '../../../../platform/errors/index.js';
import { AdminController } from '../../../../platform/http/index.js';

export class WarmJobNotFoundError extends AppError {
  static readonly code = 'WARM_JOB.NOT_FOUND';
  readonly code = WarmJobNotFoundError.code;
  readonly kind = 'not_found' as const;
}

@AdminController('admin/cache')
export class GetWarmJobHttpController {
  constructor(private readonly warming: CacheWarmingService) {}

  @Get('warm/:id')
  @ApiOperation({ summary: 'Progress of a cache warming job (this instance keeps its last 20).' })
  @ApiNotFoundResponse({ description: 'WARM_JOB.NOT_FOUND' })
  get(@Param('id', new ParseUUIDPipe()) id: string): WarmJob {
    const job = this.warming.job(id);
    if (!job) throw new WarmJobNotFoundError(`Warm job ${id} not found on this instance`);
    return job;
  }
}
