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
  /** Cache tags of the agencies and suppliers whose stats moved, or may have (see `FoldResult`). */
  tags: string[];
}

const EMPTY: StatsDeltaRows = { agencyMonthly: [], agencySupplier: [], supplierCategory: [] };

/** A row of SELECT_STATES (or `openLiveBatch`). */
export interface StateRow {
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
  /** The contracts whose states `apply` reads for `events` (none: `apply` does nothing). */
  static contractIds(events: readonly EventEnvelope[]): string[] {
    return [...new Set(events.filter((e) => PROJECTED_EVENT_TYPES.has(e.type)).map((e) => e.aggregateId))];
  }

  /**
   * Applies `events` in order. With `deferred`, the stats deltas are added to it instead of
   * written (the states still are): a caller replaying many batches in one transaction writes
   * them once with `writeDeltas`, rather than rewriting the same stats rows every batch.
   */
  async apply(manager: EntityManager, events: readonly EventEnvelope[], options: { deferred?: StatsDeltas } = {}): Promise<ProjectionResult> {
    const ids = ContractStatsProjection.contractIds(events);
    if (ids.length === 0) return { applied: 0, skipped: 0, tags: [] };
    return this.applyOver(manager, await manager.query(SELECT_STATES, [ids]), events, options);
  }

  /**
   * `apply` over `stored`, the states of `contractIds(events)` read in the same transaction.
   * With `prepared`, the write is a named prepared statement, for a transaction that turned
   * sequential scans off first (`openLiveBatch`); otherwise it is planned at each call.
   */
  async applyOver(manager: EntityManager, stored: readonly StateRow[], events: readonly EventEnvelope[], options: { deferred?: StatsDeltas; prepared?: boolean } = {}): Promise<ProjectionResult> {
    const relevant = events.filter((e) => PROJECTED_EVENT_TYPES.has(e.type));
    const fold = foldContractEvents(new Map(stored.map((r) => [r.contract_id, toProjected(r)])), relevant, options.deferred);
    if (fold.writes.length === 0) return { applied: 0, skipped: fold.skipped, tags: fold.tags };
    await this.write(manager, fold.writes, options.deferred ? EMPTY : fold.deltas.rows(), options.prepared);
    return { applied: fold.applied, skipped: fold.skipped, tags: fold.tags };
  }

  /** Writes deltas that `apply` deferred. */
  async writeDeltas(manager: EntityManager, deltas: StatsDeltas): Promise<void> {
    await this.write(manager, [], deltas.rows(), false);
  }

  private async write(manager: EntityManager, writes: StateWrite[], { agencyMonthly: am, agencySupplier: as, supplierCategory: sc }: StatsDeltaRows, prepared = false): Promise<void> {
    const states = writes.map((w) => w.next);
    const values = [
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
    ];
    const [result]: { written: number; emptied: boolean }[] = prepared ? await queryPrepared(manager, 'hotpath-contract-stats-write', WRITE_BATCH, values) : await manager.query(WRITE_BATCH, values);
    if (result.written !== writes.length) throw new ProjectionConflictError(writes.length, result.written);
    if (result.emptied) {
      const agencies = [...new Set([...am, ...as].map((r) => r.agencyId))];
      const suppliers = [...new Set(sc.map((r) => r.supplierId))];
      for (const sql of DELETE_EMPTIED_AGENCY_ROWS) await manager.query(sql, [agencies]);
      await manager.query(DELETE_EMPTIED_SUPPLIER_ROWS, [suppliers]);
    }
  }
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
