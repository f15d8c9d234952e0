import type { InvestigationScope } from './investigation.js';
import { InvalidInvestigationScopeError } from './investigation.errors.js';

const DAY_MS = 86_400_000;

function instant(value: string, field: string): number {
  const time = new Date(value).getTime();
  if (Number.isNaN(time)) throw new InvalidInvestigationScopeError(`scope.${field} is not a valid date`);
  return time;
}

/**
 * The scope an investigation runs over and is de-duplicated by: UUIDs in lower case, and dates
 * widened to whole UTC days (`from` back to its midnight, the exclusive `to` forward to the next
 * one unless it is one), so requests that differ by a moment are the same run. Refuses a `from`
 * that is not before `to`.
 */
export function normalizeScope(scope: InvestigationScope): InvestigationScope {
  const from = scope.from === undefined ? undefined : instant(scope.from, 'from');
  const to = scope.to === undefined ? undefined : instant(scope.to, 'to');
  if (from !== undefined && to !== undefined && from >= to) throw new InvalidInvestigationScopeError('scope.from must be before scope.to');
  return {
    ...(scope.agencyId === undefined ? {} : { agencyId: scope.agencyId.toLowerCase() }),
    ...(scope.supplierId === undefined ? {} : { supplierId: scope.supplierId.toLowerCase() }),
    ...(scope.category === undefined ? {} : { category: scope.category }),
    ...(from === undefined ? {} : { from: new Date(Math.floor(from / DAY_MS) * DAY_MS).toISOString() }),
    ...(to === undefined ? {} : { to: new Date(Math.ceil(to / DAY_MS) * DAY_MS).toISOString() }),
  };
}
