import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type AgencyStats } from '../domain/agency.js';
import { AgencyNotFoundError } from '../domain/agency.errors.js';
import { amountTotalOf as total, type StatsRow as Row } from './amount-total.row.js';

const TOP_SUPPLIERS = 10;

/**
 * Reads the agency_monthly_stats / agency_supplier_stats read model (kept by the contract stats
 * projection from events, so eventually consistent), so the cost is the agency's months x
 * categories, not its contracts.
 * One round trip: the four result sets come back as JSON from a single statement.
 */
@Injectable()
export class AgencyStatsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The agencies with the most contracts (not cancelled), largest first. */
  async largest(limit: number): Promise<string[]> {
    const rows: { agency_id: string }[] = await this.db.query(
      'SELECT agency_id FROM agency_supplier_stats GROUP BY agency_id ORDER BY sum(contracts) DESC, agency_id LIMIT $1',
      [limit],
    );
    return rows.map((r) => r.agency_id);
  }

  async forAgency(agencyId: string): Promise<AgencyStats> {
    const rows: { found: boolean; totals: Row[]; by_category: Row[]; by_month: Row[]; top_suppliers: Row[] }[] = await this.db.query(
      `WITH m AS (SELECT month, category, currency, contracts, amount_cents FROM agency_monthly_stats WHERE agency_id = $1 AND contracts <> 0)
       SELECT EXISTS (SELECT 1 FROM agencies WHERE id = $1) AS found,
         (SELECT coalesce(json_agg(t ORDER BY t.currency), '[]') FROM
           (SELECT currency, sum(contracts)::bigint AS contracts, sum(amount_cents)::text AS amount FROM m GROUP BY currency) t) AS totals,
         (SELECT coalesce(json_agg(t ORDER BY t.amount_sort DESC, t.category), '[]') FROM
           (SELECT category, currency, sum(contracts)::bigint AS contracts, sum(amount_cents)::text AS amount, sum(amount_cents) AS amount_sort FROM m GROUP BY category, currency) t) AS by_category,
         (SELECT coalesce(json_agg(t ORDER BY t.month, t.currency), '[]') FROM
           (SELECT to_char(month, 'YYYY-MM') AS month, currency, sum(contracts)::bigint AS contracts, sum(amount_cents)::text AS amount FROM m GROUP BY month, currency) t) AS by_month,
         (SELECT coalesce(json_agg(t ORDER BY t.amount_sort DESC, t.supplier_id), '[]') FROM
           (SELECT s.supplier_id, p.name, s.currency, s.contracts, s.amount_cents::text AS amount, s.amount_cents AS amount_sort
              FROM agency_supplier_stats s JOIN suppliers p ON p.id = s.supplier_id
             WHERE s.agency_id = $1 AND s.contracts <> 0 ORDER BY s.amount_cents DESC, s.supplier_id LIMIT ${TOP_SUPPLIERS}) t) AS top_suppliers`,
      [agencyId],
    );
    const [row] = rows;
    if (!row.found) throw new AgencyNotFoundError(agencyId);
    return {
      agencyId,
      totals: row.totals.map(total),
      byCategory: row.by_category.map((r) => ({ category: String(r.category), ...total(r) })),
      byMonth: row.by_month.map((r) => ({ month: String(r.month), ...total(r) })),
      topSuppliers: row.top_suppliers.map((r) => ({ supplierId: String(r.supplier_id), name: String(r.name), ...total(r) })),
    };
  }
}
