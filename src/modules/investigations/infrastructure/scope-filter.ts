import type { InvestigationScope } from '../domain/investigation.js';

/**
 * The scope as an SQL condition over `contracts` for COPY, which takes no bind parameters:
 * every value is already validated (UUIDs, a category slug, ISO dates) and escaped as a literal
 * again here. Cancelled contracts are out of every scope.
 */
export function scopeCondition(scope: InvestigationScope, literal: (value: string) => string): string {
  const conditions = ["status <> 'cancelled'"];
  if (scope.agencyId) conditions.push(`agency_id = ${literal(scope.agencyId)}::uuid`);
  if (scope.supplierId) conditions.push(`supplier_id = ${literal(scope.supplierId)}::uuid`);
  if (scope.category) conditions.push(`category = ${literal(scope.category)}`);
  if (scope.from) conditions.push(`signed_at >= ${literal(new Date(scope.from).toISOString())}::timestamptz`);
  if (scope.to) conditions.push(`signed_at < ${literal(new Date(scope.to).toISOString())}::timestamptz`);
  return conditions.join(' AND ');
}
