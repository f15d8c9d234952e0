import { isCounted, type ProjectedContract } from './projected-contract.js';

export interface Totals {
  contracts: number;
  amountCents: bigint;
}

export type AgencyMonthlyDelta = Totals & { agencyId: string; month: string; category: string; currency: string };
export type AgencySupplierDelta = Totals & { agencyId: string; supplierId: string; currency: string };
export type SupplierCategoryDelta = Totals & { supplierId: string; category: string; currency: string };

export interface StatsDeltaRows {
  agencyMonthly: AgencyMonthlyDelta[];
  agencySupplier: AgencySupplierDelta[];
  supplierCategory: SupplierCategoryDelta[];
}

/**
 * Net changes to the three stats read models, merged per row key, so a batch writes each row
 * once (amounts in bigint: sums of many large amounts exceed 2^53).
 */
export class StatsDeltas {
  private readonly agencyMonthly = new Map<string, AgencyMonthlyDelta>();
  private readonly agencySupplier = new Map<string, AgencySupplierDelta>();
  private readonly supplierCategory = new Map<string, SupplierCategoryDelta>();

  /** Replaces what `previous` contributed (if anything) by what `next` contributes. */
  move(previous: ProjectedContract | undefined, next: ProjectedContract): void {
    if (previous) this.add(previous, -1);
    this.add(next, 1);
  }

  add(c: ProjectedContract, sign: 1 | -1): void {
    if (!isCounted(c)) return;
    const amount = sign === 1 ? c.amountCents : -c.amountCents;
    merge(this.agencyMonthly, `${c.agencyId}|${c.month}|${c.category}|${c.currency}`, { agencyId: c.agencyId, month: c.month, category: c.category, currency: c.currency }, sign, amount);
    merge(this.agencySupplier, `${c.agencyId}|${c.supplierId}|${c.currency}`, { agencyId: c.agencyId, supplierId: c.supplierId, currency: c.currency }, sign, amount);
    merge(this.supplierCategory, `${c.supplierId}|${c.category}|${c.currency}`, { supplierId: c.supplierId, category: c.category, currency: c.currency }, sign, amount);
  }

  /** Rows whose totals moved, in key order (a stable lock order for concurrent writers). */
  rows(): StatsDeltaRows {
    return { agencyMonthly: moved(this.agencyMonthly), agencySupplier: moved(this.agencySupplier), supplierCategory: moved(this.supplierCategory) };
  }
}

function merge<K extends object>(map: Map<string, K & Totals>, key: string, row: K, contracts: number, amount: bigint): void {
  const existing = map.get(key);
  if (existing) {
    existing.contracts += contracts;
    existing.amountCents += amount;
  } else map.set(key, { ...row, contracts, amountCents: amount });
}

function moved<T extends Totals>(map: Map<string, T>): T[] {
  return [...map.entries()]
    .filter(([, row]) => row.contracts !== 0 || row.amountCents !== 0n)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, row]) => row);
}
