import { Get, Optional } from '@nestjs/common';
import { ApiOperation, ApiServiceUnavailableResponse } from '@nestjs/swagger';
import { AgentPool, type AgentPoolReport, NoAgentPoolError } from '../../../../platform/agents/index.js';
import { AdminController } from '../../../../platform/http/index.js';

@AdminController('admin/agents')
export class GetAgentPoolHttpController {
  /** Absent in an API-only process (PROCESS_ROLE=api): the worker's pool runs the agents. */
  constructor(@Optional() private readonly pool?: AgentPool) {}

  @Get()
  @ApiOperation({ summary: "This process's agent pool: threads, utilization, queue depth, task counts, wait and run times, workers replaced." })
  @ApiServiceUnavailableResponse({ description: 'AGENTS.NO_POOL in an API-only process' })
  report(): AgentPoolReport {
    if (!this.pool) throw new NoAgentPoolError();
    return this.pool.report();
  }
}
