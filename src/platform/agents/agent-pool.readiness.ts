import { Inject, Injectable } from '@nestjs/common';
import { type IndicatorState, ReadinessIndicator, type ReadinessIndicatorProvider } from '../health/index.js';
import { AgentPool } from './agent-pool.js';

/** Ready while the pool takes tasks: not closed, and its queue not full (one more task would be refused). */
@Injectable()
@ReadinessIndicator('agentPool')
export class AgentPoolReadiness implements ReadinessIndicatorProvider {
  constructor(@Inject(AgentPool) private readonly pool: AgentPool) {}

  readiness(): IndicatorState {
    const { threads, queue, utilization } = this.pool.report();
    return { ready: !this.pool.isClosed && queue.depth < queue.max, threads: threads.current, queueDepth: queue.depth, queueMax: queue.max, utilization };
  }
}
