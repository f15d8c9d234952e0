import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryPrepared } from '../../../platform/database/index.js';
import type { EventEnvelope } from '../../../platform/events/index.js';
import { ProjectionConflictError } from '../domain/contract-stats.errors.js';
import { foldContractEvents, PROJECTED_EVENT_TYPES, type StateWrite } from '../domain/fold-contract-events.js';
import type { ProjectedContract } from '../domain/projected-contract.js';
import { type StatsDeltaRows, type StatsDeltas } from '../domain/stats-deltas.js';
import { DELETE_EMPTIED_AGENCY_ROWS, DELETE_EMPTIED_SUPPLIER_ROWS, SELECT_STATES, WRITE_BATCH } from './contract-stats.sql.js';

export interface ProjectionResult {
  applied: number;
  skipped: number;
  /** Cache tags of the agencies and suppliers whose stats moved. */
  tags: string[];
}

const EMPTY: StatsDeltaRows = { agencyMonthly: [], agencySupplier: [], supplierCategory: [] };

interface StateRow {
  contract_id: string;
  version: number;
  agency_id: string;
  supplier_id: string;
  month: string;
  category: string;
  currency: string;
  amount_cents: string;
  status: string;
}

/**
 * The contract stats projection: agency_monthly_stats, agency_supplier_stats and supplier_stats
 * from contract events. The live consumer and the rebuild both call `apply`, with one event or
 * thousands; `manager` must be a transaction, and everything of a batch lands in it or nothing.
 */
@Injectable()
export class ContractStatsProjection {
  /**
   * Applies `events` in order. With `deferred`, the stats deltas are added to it instead of
   * written (the states still are): a caller replaying many batches in one transaction writes
   * them once with `writeDeltas`, rather than rewriting the same stats rows every batch. With
   * `prepared`, the read and the write are named prepared statements, for a transaction that
   * turned sequential scans off first (`LOCK_LIVE_BATCH`); otherwise they are planned each call.
   */
  async apply(manager: EntityManager, events: readonly EventEnvelope[], options: { deferred?: StatsDeltas; prepared?: boolean } = {}): Promise<ProjectionResult> {
    const relevant = events.filter((e) => PROJECTED_EVENT_TYPES.has(e.type));
    if (relevant.length === 0) return { applied: 0, skipped: 0, tags: [] };
    const ids = [...new Set(relevant.map((e) => e.aggregateId))];
    const rows = await query<StateRow>(manager, options.prepared, 'hotpath-contract-stats-read', SELECT_STATES, [ids]);
    const fold = foldContractEvents(new Map(rows.map((r) => [r.contract_id, toProjected(r)])), relevant, options.deferred);
    if (fold.writes.length === 0) return { applied: 0, skipped: fold.skipped, tags: [] };
    await this.write(manager, fold.writes, options.deferred ? EMPTY : fold.deltas.rows(), options.prepared);
    return { applied: fold.applied, skipped: fold.skipped, tags: fold.tags };
  }

  /** Writes deltas that `apply` deferred. */
  async writeDeltas(manager: EntityManager, deltas: StatsDeltas): Promise<void> {
    await this.write(manager, [], deltas.rows(), false);
  }

  private async write(manager: EntityManager, writes: StateWrite[], { agencyMonthly: am, agencySupplier: as, supplierCategory: sc }: StatsDeltaRows, prepared = false): Promise<void> {
    const states = writes.map((w) => w.next);
    const [result] = await query<{ written: number; emptied: boolean }>(manager, prepared, 'hotpath-contract-stats-write', WRITE_BATCH, [
      states.map((s) => s.contractId),
      writes.map((w) => w.storedVersion),
      states.map((s) => s.version),
      states.map((s) => s.agencyId),
      states.map((s) => s.supplierId),
      states.map((s) => s.month),
      states.map((s) => s.category),
      states.map((s) => s.currency),
      states.map((s) => s.amountCents.toString()),
      states.map((s) => s.status),
      am.map((r) => r.agencyId), am.map((r) => r.month), am.map((r) => r.category), am.map((r) => r.currency), am.map((r) => r.contracts), am.map((r) => r.amountCents.toString()),
      as.map((r) => r.agencyId), as.map((r) => r.supplierId), as.map((r) => r.currency), as.map((r) => r.contracts), as.map((r) => r.amountCents.toString()),
      sc.map((r) => r.supplierId), sc.map((r) => r.category), sc.map((r) => r.currency), sc.map((r) => r.contracts), sc.map((r) => r.amountCents.toString()),
    ]);
    if (result.written !== writes.length) throw new ProjectionConflictError(writes.length, result.written);
    if (result.emptied) {
      const agencies = [...new Set([...am, ...as].map((r) => r.agencyId))];
      const suppliers = [...new Set(sc.map((r) => r.supplierId))];
      for (const sql of DELETE_EMPTIED_AGENCY_ROWS) await manager.query(sql, [agencies]);
      await manager.query(DELETE_EMPTIED_SUPPLIER_ROWS, [suppliers]);
    }
  }
}

/** `sql` through the transaction `manager`, as the named prepared statement `name` if `prepared`. */
function query<T>(manager: EntityManager, prepared: boolean | undefined, name: string, sql: string, values: unknown[]): Promise<T[]> {
  return prepared ? queryPrepared<T>(manager, name, sql, values) : manager.query(sql, values);
}

function toProjected(row: StateRow): ProjectedContract {
  return {
    contractId: row.contract_id,
    version: row.version,
    agencyId: row.agency_id,
    supplierId: row.supplier_id,
    month: row.month,
    category: row.category,
    currency: row.currency,
    amountCents: BigInt(row.amount_cents),
    status: row.status,
  };
}
