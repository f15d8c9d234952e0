import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/index.js';
import { ApiErrors, NoQueryDto } from '../http/index.js';
import { LivenessResponseDto, ReadinessResponseDto } from './health.response.dto.js';
import { NotReadyError } from './not-ready.error.js';
import { type PartState, type ReadinessReport, ReadinessService, statesOnly } from './readiness/readiness.service.js';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is up and its event loop turns.' })
  @ApiOkResponse({ type: LivenessResponseDto })
  live(@Query() _query: NoQueryDto): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: Postgres and Redis answer (and, where the worker role runs, its relay, consumers and agent pool are up); 503 naming the failing part otherwise.' })
  @ApiOkResponse({ type: ReadinessResponseDto })
  @ApiErrors({ 503: [NotReadyError] })
  async ready(@Query() _query: NoQueryDto): Promise<ReadinessReport<PartState>> {
    // Each part's state only: a driver's message (a host, a user name) or a version is not for the public; GET /admin/health has them.
    const report = statesOnly(await this.readiness.check());
    if (report.status === 'error') throw new NotReadyError(Object.keys(report.error), report.details);
    return report;
  }
}
