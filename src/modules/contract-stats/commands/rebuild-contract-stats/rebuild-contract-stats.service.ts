import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type QueryRunner } from 'typeorm';
import { TieredCache } from '../../../../platform/cache/index.js';
import { readEventLog } from '../../../../platform/events/index.js';
import { contractTags } from '../../../contracts/domain/contract-cache-tags.js';
import { CONTRACT_AGGREGATE } from '../../../contracts/domain/contract.events.js';
import { CONTRACT_STATS_LOCK } from '../../contract-stats.constants.js';
import { StatsDeltas } from '../../domain/stats-deltas.js';
import { ContractStatsProjection } from '../../infrastructure/contract-stats.projection.js';

export interface RebuildResult {
  events: number;
  applied: number;
  ms: number;
}

/**
 * Rebuilds the contract stats read models by replaying the event log, in position order and in
 * batches, through the projection's own `apply`. The per-contract states are written per batch,
 * the stats deltas summed in memory and written once at the end: inside one transaction, a row
 * rewritten every batch piles up versions that nothing can prune yet. It holds the projection's lock
 * exclusively (live events wait, then are retried) and works in one REPEATABLE READ
 * transaction: readers see the old totals until the new ones commit, and the replay sees one
 * snapshot of the log; events committed after it are applied by the live consumer afterwards.
 */
@Injectable()
export class RebuildContractStatsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly projection: ContractStatsProjection,
    private readonly cache: TieredCache,
  ) {}

  async rebuild(batch: number, onProgress?: (events: number) => void): Promise<RebuildResult> {
    const started = Date.now();
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock($1)', [CONTRACT_STATS_LOCK]);
      try {
        const result = await this.replay(runner, batch, onProgress);
        await this.cache.invalidateTags(result.tags);
        return { events: result.events, applied: result.applied, ms: Date.now() - started };
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [CONTRACT_STATS_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }

  private async replay(runner: QueryRunner, batch: number, onProgress?: (events: number) => void): Promise<{ events: number; applied: number; tags: string[] }> {
    await runner.startTransaction('REPEATABLE READ');
    try {
      await runner.query('SET LOCAL statement_timeout = 0');
      const tags = new Set(await this.statsTags(runner));
      await runner.query('TRUNCATE contract_stats_state');
      for (const table of ['agency_monthly_stats', 'agency_supplier_stats', 'supplier_stats']) await runner.query(`DELETE FROM ${table}`);
      let events = 0;
      let applied = 0;
      const deltas = new StatsDeltas();
      for (let after: string | null = '0'; after !== null; ) {
        const page = await readEventLog(runner.manager, [CONTRACT_AGGREGATE], after, batch);
        const result = await this.projection.apply(runner.manager, page.events, { deferred: deltas });
        for (const tag of result.tags) tags.add(tag);
        events += page.events.length;
        applied += result.applied;
        after = page.next;
        onProgress?.(events);
      }
      await this.projection.writeDeltas(runner.manager, deltas);
      await runner.commitTransaction();
      return { events, applied, tags: [...tags] };
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    }
  }

  /** The agencies and suppliers that have stats now: their cached stats go stale with the rebuild too. */
  private async statsTags(runner: QueryRunner): Promise<string[]> {
    const rows: { agency_id: string; supplier_id: string }[] = await runner.query('SELECT DISTINCT agency_id, supplier_id FROM agency_supplier_stats');
    return [...new Set(rows.flatMap((r) => [contractTags.agency(r.agency_id), contractTags.supplier(r.supplier_id)]))];
  }
}
