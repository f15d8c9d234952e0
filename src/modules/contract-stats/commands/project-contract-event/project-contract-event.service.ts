import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError } from 'typeorm';
import { TieredCache } from '../../../../platform/cache/index.js';
import { transactionOpenedWith } from '../../../../platform/database/index.js';
import type { EventEnvelope } from '../../../../platform/events/index.js';
import { ProjectionRebuildingError } from '../../domain/contract-stats.errors.js';
import { ContractStatsProjection, type ProjectionResult, type StateRow } from '../../infrastructure/contract-stats.projection.js';
import { openLiveBatch } from '../../infrastructure/contract-stats.sql.js';

const LOCK_NOT_AVAILABLE = '55P03';

/**
 * The live side of the contract stats projection: the events of a batch in one transaction
 * (version-guarded, so redeliveries change nothing) of three round trips (BEGIN with the lock
 * and the read, the write, COMMIT), then the stats they moved are invalidated on every
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
    const ids = ContractStatsProjection.contractIds(events);
    if (ids.length === 0) return { applied: 0, skipped: 0, tags: [] };
    const opening = openLiveBatch(ids);
    const result = await transactionOpenedWith(this.db, opening, (stored, tx) => this.projection.applyOver(tx, stored as StateRow[], events, { prepared: true })).catch((error: unknown) => {
      // Out of time while opening: waiting for the projection's lock, which a rebuild holds.
      const rebuilding = error instanceof QueryFailedError && error.query === opening && (error.driverError as { code?: string }).code === LOCK_NOT_AVAILABLE;
      throw rebuilding ? new ProjectionRebuildingError() : error;
    });
    if (result.tags.length > 0) await this.cache.invalidateTags(result.tags);
    return result;
  }
}
