import type { AgentName, Finding } from '../../analysis/index.js';

export const INVESTIGATION_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type InvestigationStatus = (typeof INVESTIGATION_STATUSES)[number];

/** Which contracts an investigation looks at; every field narrows, none means all. `to` is exclusive. */
export interface InvestigationScope {
  agencyId?: string;
  supplierId?: string;
  category?: string;
  from?: string;
  to?: string;
}

export interface Investigation {
  id: string;
  scope: InvestigationScope;
  agents: AgentName[];
  status: InvestigationStatus;
  progress: number;
  error: string | null;
  /** Contracts in scope, once loaded. */
  contracts: number | null;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  completedAt: string | null;
}

/** An investigation with its strongest findings and a count per agent. */
export interface InvestigationDetail extends Investigation {
  findingCounts: Partial<Record<AgentName, number>>;
  findings: Finding[];
  /** True when there are more findings than `findings` holds (the highest scores are shown). */
  findingsTruncated: boolean;
}
