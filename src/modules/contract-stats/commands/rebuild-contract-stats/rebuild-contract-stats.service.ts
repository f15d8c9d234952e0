import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type QueryRunner } from 'typeorm';
import { TieredCache } from '../../../../platform/cache/index.js';
import { readEventLog } from '../../../../platform/events/index.js';
import { contractTags } from '../../../contracts/domain/contract-cache-tags.js';
import { CONTRACT_AGGREGATE } from '../../../contracts/domain/contract.events.js';
import { CONTRACT_STATS_LOCK } from '../../contract-stats.constants.js';
import { ContractStatsProjection } from '../../infrastructure/contract-stats.projection.js';

export interface RebuildResult {
  events: number;
  applied: number;
  ms: number;
}

/**
 * Rebuilds the contract stats read models by replaying the event log, in position order and in
 * batches: each page's newest contract states are written where newer than what earlier pages
 * stored, and once the log is replayed the stats are summed from the states (a stats row
 * rewritten every page would pile up versions that nothing can prune inside one transaction).
 * It holds the projection's lock exclusively (live events wait, then are retried) and works in
 * one REPEATABLE READ transaction: readers see the old totals until the new ones commit, and the
 * replay sees one snapshot of the log; events committed after it are applied by the live
 * consumer afterwards. `applied` counts the projected events replayed: the log holds each
 * version of a contract once, in order, so each of them applies.
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
      // Stats that exist before or after the rebuild may be cached with other totals.
      const tags = new Set(await this.statsTags(runner));
      await runner.query('TRUNCATE contract_stats_state');
      for (const table of ['agency_monthly_stats', 'agency_supplier_stats', 'supplier_stats']) await runner.query(`DELETE FROM ${table}`);
      let events = 0;
      let applied = 0;
      for (let after: string | null = '0'; after !== null; ) {
        const page = await readEventLog(runner.manager, [CONTRACT_AGGREGATE], after, batch);
        applied += await this.projection.replayStates(runner.manager, page.events);
        events += page.events.length;
        after = page.next;
        onProgress?.(events);
      }
      await this.projection.sumStats(runner.manager);
      for (const tag of await this.statsTags(runner)) tags.add(tag);
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
