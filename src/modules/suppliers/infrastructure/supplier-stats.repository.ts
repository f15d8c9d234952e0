import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { amountTotalOf as total, type StatsRow as Row } from '../../agencies/infrastructure/amount-total.row.js';
import { type SupplierStats } from '../domain/supplier.js';
import { SupplierNotFoundError } from '../domain/supplier.errors.js';

const TOP_AGENCIES = 10;

/**
 * Reads the supplier_stats read model (per category and currency) and agency_supplier_stats from
 * the supplier side, both kept by the contract stats projection; one statement, one round trip.
 */
@Injectable()
export class SupplierStatsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async forSupplier(supplierId: string): Promise<SupplierStats> {
    const rows: { found: boolean; agencies: number; totals: Row[]; by_category: Row[]; top_agencies: Row[] }[] = await this.db.query(
      `WITH s AS (SELECT category, currency, contracts, amount_cents FROM supplier_stats WHERE supplier_id = $1 AND contracts <> 0)
       SELECT EXISTS (SELECT 1 FROM suppliers WHERE id = $1) AS found,
         (SELECT count(DISTINCT agency_id)::int FROM agency_supplier_stats WHERE supplier_id = $1 AND contracts <> 0) AS agencies,
         (SELECT coalesce(json_agg(t ORDER BY t.currency), '[]') FROM
           (SELECT currency, sum(contracts)::bigint AS contracts, sum(amount_cents)::text AS amount FROM s GROUP BY currency) t) AS totals,
         (SELECT coalesce(json_agg(t ORDER BY t.amount_sort DESC, t.category, t.currency), '[]') FROM
           (SELECT category, currency, contracts, amount_cents::text AS amount, amount_cents AS amount_sort FROM s) t) AS by_category,
         (SELECT coalesce(json_agg(t ORDER BY t.amount_sort DESC, t.agency_id), '[]') FROM
           (SELECT a.agency_id, g.name, a.currency, a.contracts, a.amount_cents::text AS amount, a.amount_cents AS amount_sort
              FROM agency_supplier_stats a JOIN agencies g ON g.id = a.agency_id
             WHERE a.supplier_id = $1 AND a.contracts <> 0 ORDER BY a.amount_cents DESC, a.agency_id LIMIT ${TOP_AGENCIES}) t) AS top_agencies`,
      [supplierId],
    );
    const [row] = rows;
    if (!row.found) throw new SupplierNotFoundError(supplierId);
    return {
      supplierId,
      agencies: row.agencies,
      totals: row.totals.map(total),
      byCategory: row.by_category.map((r) => ({ category: String(r.category), ...total(r) })),
      topAgencies: row.top_agencies.map((r) => ({ agencyId: String(r.agency_id), name: String(r.name), ...total(r) })),
    };
  }
}
