import { type ContractFilters, type ContractPosition } from '../domain/contract-filters.js';
import { CONTRACT_COLUMNS } from './contract.row.js';

const COLUMN_BY_FILTER = {
  agencyId: 'agency_id = $',
  supplierId: 'supplier_id = $',
  category: 'category = $',
  status: 'status = $',
  signedFrom: 'signed_at >= $',
  signedTo: 'signed_at < $',
  minAmountCents: 'amount_cents >= $',
  maxAmountCents: 'amount_cents <= $',
} as const satisfies Partial<Record<keyof ContractFilters, string>>;

/**
 * One keyset page in (signed_at DESC, id ASC) order. Every filter is an equality or range on
 * an indexed column so the planner walks one of the (x, signed_at DESC, id) indexes and
 * stops after `limit + 1` rows; see docs/queries.md.
 */
export function contractListQuery(filters: ContractFilters, after: ContractPosition | undefined, limit: number): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  for (const [name, clause] of Object.entries(COLUMN_BY_FILTER) as [keyof typeof COLUMN_BY_FILTER, string][]) {
    const value = filters[name];
    if (value === undefined) continue;
    params.push(value);
    where.push(`${clause}${params.length}`);
  }
  if (filters.metadata) {
    params.push(JSON.stringify(filters.metadata));
    where.push(`metadata @> $${params.length}::jsonb`);
  }
  if (after) {
    params.push(after.signedAtMicros, after.id);
    const ts = `(timestamptz 'epoch' + $${params.length - 1}::bigint * interval '1 microsecond')`;
    // The first conjunct is redundant with the second; it gives the planner an index bound.
    where.push(`signed_at <= ${ts} AND (signed_at < ${ts} OR id > $${params.length}::uuid)`);
  }
  params.push(limit + 1);
  const sql = `SELECT ${CONTRACT_COLUMNS}, (extract(epoch FROM signed_at) * 1000000)::bigint::text AS signed_us
    FROM contracts ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY signed_at DESC, id LIMIT $${params.length}`;
  return { sql, params };
}
