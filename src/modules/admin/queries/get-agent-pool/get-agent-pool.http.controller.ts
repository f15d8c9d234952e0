import { Get, Inject, Optional, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Redis } from 'ioredis';
import { AppConfig } from '../../../../config/index.js';
import { AgentPool, NoAgentPoolError, type ProcessAgentPoolReport, processReport, readAgentPoolReports, THIS_PROCESS } from '../../../../platform/agents/index.js';
import { ApiErrors, NoQueryDto } from '../../../../platform/http/index.js';
import { AdminController } from '../../admin-controller.decorator.js';
import { AgentPoolsResponseDto } from '../../dto/agent-pool.response.dto.js';
import { REDIS_CLIENT } from '../../../../platform/redis/index.js';

export interface AgentPoolsReport {
  processes: ProcessAgentPoolReport[];
}

@AdminController('admin/agents')
export class GetAgentPoolHttpController {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(AppConfig) private readonly config: AppConfig,
    /** Absent in an API-only process (PROCESS_ROLE=api): the workers' pools run the agents. */
    @Optional() private readonly pool?: AgentPool,
  ) {}

  @Get()
  @ApiOperation({
    summary: "Every process's agent pool (this one's live, the others' as they reported it within the last seconds): threads, utilization, queue depth, task counts, wait and run times, workers replaced.",
  })
  @ApiOkResponse({ type: AgentPoolsResponseDto })
  @ApiErrors({ 503: [NoAgentPoolError] })
  async report(@Query() _query: NoQueryDto): Promise<AgentPoolsReport> {
    const own = this.pool ? [processReport(this.pool)] : [];
    // Redis away: this process's own pool is still worth showing.
    const reported = await readAgentPoolReports(this.redis, this.config.redis.keyPrefix).catch(() => []);
    // This process's own entry in Redis is older than the live one.
    const processes = [...own, ...reported.filter((r) => own.length === 0 || r.process !== THIS_PROCESS)];
    if (processes.length === 0) throw new NoAgentPoolError();
    return { processes };
  }
}
