import { performance } from 'node:perf_hooks';
import { ANALYSIS_AGENTS, AGENT_NAMES, type AgentName, type ContractColumns, type Finding } from '../../src/modules/analysis/index.js';

export interface AgentRun {
  findings: Finding[];
  mapMs: number;
  reduceMs: number;
}

/** Runs every agent over all rows on this thread (one range), timing map and reduce apart. */
export function runAllAgents(columns: ContractColumns): Record<AgentName, AgentRun> {
  const runs = {} as Record<AgentName, AgentRun>;
  for (const name of AGENT_NAMES) {
    const agent = ANALYSIS_AGENTS[name];
    const started = performance.now();
    const partial = agent.map(columns, 0, columns.count);
    const mapped = performance.now();
    const findings = agent.reduce(columns, [partial]);
    runs[name] = { findings, mapMs: mapped - started, reduceMs: performance.now() - mapped };
  }
  return runs;
}
