import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TieredCache } from '../../../../platform/cache/index.js';
import type { EventEnvelope } from '../../../../platform/events/index.js';
import { ContractStatsProjection, type ProjectionResult } from '../../infrastructure/contract-stats.projection.js';

/**
 * The live side of the contract stats projection: the events of a batch in one statement, its
 * own transaction (version-guarded, so redeliveries change nothing), then the stats they moved
 * are invalidated on every instance. While a rebuild holds the projection it waits a few
 * seconds, then fails, and the event comes back with its retry.
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
    const result = await this.projection.apply(this.db, events);
    if (result.tags.length > 0) await this.cache.invalidateTags(result.tags);
    return result;
  }
}
