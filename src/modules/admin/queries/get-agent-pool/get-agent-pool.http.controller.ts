import { Get } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { AgentPool, type AgentPoolReport } from '../../../../platform/agents/index.js';
import { AdminController } from '../../../../platform/http/index.js';

@AdminController('admin/agents')
export class GetAgentPoolHttpController {
  constructor(private readonly pool: AgentPool) {}

  @Get()
  @ApiOperation({ summary: "This process's agent pool: threads, utilization, queue depth, task counts, wait and run times, workers replaced." })
  report(): AgentPoolReport {
    return this.pool.report();
  }
}
