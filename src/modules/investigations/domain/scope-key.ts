import { createHash } from 'node:crypto';
import type { AgentName } from '../../analysis/index.js';
import type { InvestigationScope } from './investigation.js';

/** Same scope and agents, same key, whatever the order the client wrote them in. */
export function scopeKey(scope: InvestigationScope, agents: readonly AgentName[]): string {
  const normalized = {
    agencyId: scope.agencyId?.toLowerCase() ?? null,
    supplierId: scope.supplierId?.toLowerCase() ?? null,
    category: scope.category ?? null,
    from: scope.from ? new Date(scope.from).toISOString() : null,
    to: scope.to ? new Date(scope.to).toISOString() : null,
    agents: [...new Set(agents)].sort(),
  };
  return createHash('sha256').update(JSON.stringify(normalized)).digest('hex');
}
