import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError } from 'typeorm';
import { TieredCache } from '../../../../platform/cache/index.js';
import { queryPrepared } from '../../../../platform/database/index.js';
import type { EventEnvelope } from '../../../../platform/events/index.js';
import { CONTRACT_STATS_LOCK, CONTRACT_STATS_LOCK_WAIT_MS } from '../../contract-stats.constants.js';
import { ProjectionRebuildingError } from '../../domain/contract-stats.errors.js';
import { ContractStatsProjection, type ProjectionResult } from '../../infrastructure/contract-stats.projection.js';
import { LOCK_LIVE_BATCH } from '../../infrastructure/contract-stats.sql.js';

const LOCK_NOT_AVAILABLE = '55P03';

/**
 * The live side of the contract stats projection: the events of a batch in one transaction
 * (version-guarded, so redeliveries change nothing) of five round trips (BEGIN, lock, read,
 * write, COMMIT), its statements prepared, then the stats they moved are invalidated on every
 * instance.
 * While a rebuild holds the projection it waits a few seconds, then fails, and the event comes
 * back with its retry.
 */
@Injectable()
export class ProjectContractEventService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly projection: ContractStatsProjection,
    private readonly cache: TieredCache,
  ) {}

  async handle(event: EventEnvelope): Promise<ProjectionResult> {
    return this.handleBatch([event]);
  }

  /** Events of distinct contracts (the consumer's batches) in one transaction. */
  async handleBatch(events: EventEnvelope[]): Promise<ProjectionResult> {
    const result = await this.db.transaction(async (tx) => {
      await queryPrepared(tx, 'hotpath-contract-stats-lock', LOCK_LIVE_BATCH, [CONTRACT_STATS_LOCK_WAIT_MS, CONTRACT_STATS_LOCK]).catch((error: unknown) => {
        throw error instanceof QueryFailedError && (error.driverError as { code?: string }).code === LOCK_NOT_AVAILABLE ? new ProjectionRebuildingError() : error;
      });
      return this.projection.apply(tx, events, { prepared: true });
    });
    if (result.tags.length > 0) await this.cache.invalidateTags(result.tags);
    return result;
  }
}
