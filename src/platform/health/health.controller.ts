import { Controller, Get, ServiceUnavailableException, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/index.js';
import { NotReadyError } from './not-ready.error.js';
import { RedisHealthIndicator } from './redis.health.js';
import { NoQueryDto } from '../http/index.js';

const CHECK_TIMEOUT_MS = 1500;

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is up and its event loop turns.' })
  live(@Query() _query: NoQueryDto): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: Postgres and Redis answer; 503 naming the failing part otherwise.' })
  async ready(@Query() _query: NoQueryDto): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.database.pingCheck('database', { timeout: CHECK_TIMEOUT_MS }),
        () => this.redis.pingCheck('redis', CHECK_TIMEOUT_MS),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse() as HealthCheckResult;
      // Each part's state only: a driver's message (a host, a user name) is not for the public.
      const details = Object.fromEntries(Object.entries(result.details ?? {}).map(([part, detail]) => [part, { status: (detail as { status?: string }).status ?? 'down' }]));
      throw new NotReadyError(Object.keys(result.error ?? {}), details);
    }
  }
}
