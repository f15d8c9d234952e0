export const AGENT_NAMES = ['price-outlier', 'split-purchase', 'supplier-concentration', 'benford'] as const;
export type AgentName = (typeof AGENT_NAMES)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One thing an agent thinks an analyst should look at; ids are UUID strings. */
export interface Finding {
  agent: AgentName;
  severity: Severity;
  /** Agent-specific strength of the signal; higher is stronger (see each agent). */
  score: number;
  contractId?: string;
  supplierId?: string;
  agencyId?: string;
  category?: string;
  evidence: Record<string, unknown>;
}
