import { Injectable } from '@nestjs/common';
import { type DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { queryPrepared } from '../../../platform/database/index.js';
import { type EventEnvelope, PoisonEventError } from '../../../platform/events/index.js';
import { contractTags } from '../../contracts/domain/contract-cache-tags.js';
import { CONTRACT_STATS_LOCK, CONTRACT_STATS_LOCK_WAIT_MS } from '../contract-stats.constants.js';
import { ProjectionConflictError, ProjectionRebuildingError } from '../domain/contract-stats.errors.js';
import { isProjected, latestContractStates } from '../domain/latest-contract-states.js';
import { APPLY_STATES, REPLAY_STATES, stateArrays, SUM_STATS } from './contract-stats.sql.js';

export interface ProjectionResult {
  /** Events newer than the contract's stored state. */
  applied: number;
  /** Events at or below it: redeliveries, replays, late older versions. */
  skipped: number;
  /** Cache tags of the agencies and suppliers whose stats moved, or may have (an event redelivered after its state was written). */
  tags: string[];
}

interface AppliedRow {
  stored_versions: number[];
  agency_ids: string[] | null;
  supplier_ids: string[] | null;
}

/** Raised by hotpath_apply_contract_states when a state changed between its read and its write. */
const STATE_CHANGED = 'HPC01';
/** Out of time waiting for the projection's lock (no other wait of the call has a timeout). */
const LOCK_NOT_AVAILABLE = '55P03';

/**
 * The contract stats projection: contract_stats_state (what each contract last counted, at
 * which version) and the agency_monthly_stats, agency_supplier_stats and supplier_stats read
 * models. Live batches are applied by `apply`; a rebuild replays the log with `replayStates`,
 * then sums the stats from the states with `sumStats`.
 */
@Injectable()
export class ContractStatsProjection {
  /**
   * Applies `events` as one statement, so once per event: only a contract's newest event,
   * and only if newer than its stored state, moves anything; the stats move by the difference.
   * Given a `DataSource` it is its own transaction (one round trip); given a transaction's
   * manager it is part of that transaction. Fails with `ProjectionRebuildingError` when a rebuild
   * held the projection for the whole lock wait, and with `ProjectionConflictError` (everything
   * rolled back) when another transaction changed one of the states meanwhile.
   */
  async apply(db: DataSource | EntityManager, events: readonly EventEnvelope[]): Promise<ProjectionResult> {
    const relevant = events.filter(isProjected);
    const states = latestContractStates(events);
    if (states.length === 0) return { applied: 0, skipped: 0, tags: [] };
    const [row] = await queryPrepared<AppliedRow>(db, 'hotpath-contract-stats-apply', APPLY_STATES, [CONTRACT_STATS_LOCK, CONTRACT_STATS_LOCK_WAIT_MS, ...stateArrays(states)]).catch(
      (error: unknown) => {
        const code = error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : undefined;
        if (code === STATE_CHANGED) throw new ProjectionConflictError((error as QueryFailedError).message);
        if (code === LOCK_NOT_AVAILABLE) throw new ProjectionRebuildingError();
        // A value Postgres refuses (class 22, data exception) fails the same way at every
        // delivery; alone in its call, the state that carries it is the one to dead-letter.
        if (states.length === 1 && code?.startsWith('22')) throw new PoisonEventError(`contract stats cannot store this event's state: ${(error as Error).message}`, { cause: error });
        throw error;
      },
    );
    const stored = new Map(states.map((s, i) => [s.contractId, row.stored_versions[i]]));
    const applied = relevant.filter((e) => e.aggregateVersion > (stored.get(e.aggregateId) ?? 0)).length;
    const tags = [...(row.agency_ids ?? []).map(contractTags.agency), ...(row.supplier_ids ?? []).map(contractTags.supplier)];
    return { applied, skipped: relevant.length - applied, tags };
  }

  /**
   * The rebuild's replay of a page of the log, in a transaction that holds the projection's
   * lock: the newest state of each contract, where newer than what earlier pages stored. The
   * stats are left alone (`sumStats` makes them at the end), so no stats row is rewritten every
   * page. Returns how many projected events the page held.
   */
  async replayStates(manager: EntityManager, events: readonly EventEnvelope[]): Promise<number> {
    const states = latestContractStates(events);
    if (states.length > 0) await manager.query(REPLAY_STATES, stateArrays(states));
    return events.filter(isProjected).length;
  }

  /** Fills the (emptied) stats read models from the states. */
  async sumStats(manager: EntityManager): Promise<void> {
    for (const sql of SUM_STATS) await manager.query(sql);
  }
}
