import type { AgentName } from '../../analysis/index.js';
import type { Investigation, InvestigationScope, InvestigationStatus } from '../domain/investigation.js';

export interface InvestigationRow {
  id: string;
  scope: InvestigationScope;
  agents: AgentName[];
  status: InvestigationStatus;
  progress: number;
  error: string | null;
  contracts: number | null;
  created_at: Date;
  updated_at: Date;
  started_at: Date | null;
  completed_at: Date | null;
}

export const INVESTIGATION_COLUMNS = 'id, scope, agents, status, progress, error, contracts, created_at, updated_at, started_at, completed_at';

export function toInvestigation(row: InvestigationRow): Investigation {
  return {
    id: row.id,
    scope: row.scope,
    agents: row.agents,
    status: row.status,
    progress: row.progress,
    error: row.error,
    contracts: row.contracts,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    completedAt: row.completed_at?.toISOString() ?? null,
  };
}
