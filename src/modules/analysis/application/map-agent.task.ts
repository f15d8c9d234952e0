import { ANALYSIS_AGENTS } from '../domain/agents/index.js';
import type { ContractColumns } from '../domain/contract-columns.js';
import type { AgentName } from '../domain/finding.js';

export interface MapAgentInput {
  from: number;
  to: number;
  context: { agent: AgentName; columns: ContractColumns };
}

/** Runs in an agent-pool thread: one agent's map over rows [from, to) of columns on shared memory. */
export function mapAgent({ from, to, context }: MapAgentInput): unknown {
  return ANALYSIS_AGENTS[context.agent].map(context.columns, from, to);
}
