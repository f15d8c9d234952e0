import { Injectable } from '@nestjs/common';
import { AgentPool, type AgentTask, agentTask, gather, mapReduceRanges } from '../../../platform/agents/index.js';
import { ANALYSIS_AGENTS } from '../domain/agents/index.js';
import type { ContractColumns } from '../domain/contract-columns.js';
import type { AgentName, Finding } from '../domain/finding.js';
import type { MapAgentInput } from './map-agent.task.js';
import { shareColumns } from './share-columns.js';

/** Ranges per pool thread and agent: a few, so a thread that finishes early takes another. */
const RANGES_PER_THREAD = 2;
/** Below this many rows a range costs more to dispatch than to compute. */
const MIN_RANGE_ROWS = 50_000;

export interface AnalysisRun {
  findings: Partial<Record<AgentName, Finding[]>>;
  timedOut: AgentName[];
  failed: Partial<Record<AgentName, { code?: string; message: string }>>;
  timings: { shareMs: number; computeMs: number; byAgentMs: Partial<Record<AgentName, number>> };
}

/**
 * Runs analysis agents over contract columns on the agent pool: scatter-gather over the agents,
 * and inside each a map-reduce over row ranges (maps in worker threads on shared columns,
 * reduce on this thread).
 */
@Injectable()
export class AnalysisRunner {
  private readonly mapTask: AgentTask<MapAgentInput, unknown> = agentTask(new URL('./map-agent.task.js', import.meta.url), 'mapAgent', { idempotent: true });

  constructor(private readonly pool: AgentPool) {}

  async run(columns: ContractColumns, agents: readonly AgentName[], options: { timeoutMs: number; onAgentDone?: (agent: AgentName) => void }): Promise<AnalysisRun> {
    let started = performance.now();
    const sharedColumns = shareColumns(columns);
    const forWorkers = withoutDictionaryEntries(sharedColumns);
    const shareMs = performance.now() - started;
    const chunkSize = Math.max(MIN_RANGE_ROWS, Math.ceil(columns.count / (this.pool.settings.maxThreads * RANGES_PER_THREAD)));
    const byAgentMs: Partial<Record<AgentName, number>> = {};
    started = performance.now();
    const calls = Object.fromEntries(
      agents.map((agent) => [
        agent,
        async (signal: AbortSignal): Promise<Finding[]> => {
          const agentStarted = performance.now();
          const context = { agent, columns: forWorkers };
          const findings = await mapReduceRanges(this.pool, columns.count, context, { chunkSize, signal }, this.mapTask, (partials) => ANALYSIS_AGENTS[agent].reduce(sharedColumns, partials));
          byAgentMs[agent] = Math.round(performance.now() - agentStarted);
          options.onAgentDone?.(agent);
          return findings;
        },
      ]),
    );
    const gathered = await gather(calls, { timeoutMs: options.timeoutMs });
    return {
      findings: gathered.results as AnalysisRun['findings'],
      timedOut: gathered.timedOut as AgentName[],
      failed: gathered.failed as AnalysisRun['failed'],
      timings: { shareMs: Math.round(shareMs), computeMs: Math.round(performance.now() - started), byAgentMs },
    };
  }
}

/**
 * What crosses to the threads: the shared columns, and of the dictionaries only their sizes
 * (sparse arrays of the same length clone for nothing) and the short method and status lists —
 * all an agent's `map` may read (see AnalysisAgent). Names are needed by `reduce`, on this thread.
 */
function withoutDictionaryEntries(columns: ContractColumns): ContractColumns {
  return {
    ...columns,
    agencyIds: new Array<string>(columns.agencyIds.length),
    supplierIds: new Array<string>(columns.supplierIds.length),
    categories: new Array<string>(columns.categories.length),
  };
}
