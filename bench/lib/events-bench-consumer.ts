import { type DynamicModule, Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CONTRACT_STATS_GROUP, ContractStatsProjection, ProjectContractEventService } from '../../src/modules/contract-stats/index.js';
import { CONTRACT_AGGREGATE } from '../../src/modules/contracts/domain/contract.events.js';
import { CacheModule } from '../../src/platform/cache/index.js';
import { applyEachOnce, applyEachOnceInOneStatement, type ApplyOnceOptions, durablyApplied, EventConsumer, type EventEnvelope } from '../../src/platform/events/index.js';
import { JobsModule } from '../../src/platform/jobs/index.js';
import { monotonicMs } from './monotonic-clock.js';

export const BENCH_GROUP = 'bench-projection';

/**
 * How the bench projection applies a batch: `async`, one statement committed asynchronously,
 * each event acknowledged once `durablyApplied` confirms it; `sync`, the same statement waiting
 * for its WAL flush; `transaction`, inbox rows and upsert as two statements between BEGIN and
 * COMMIT (`applyEachOnce` with a callback), waiting for the flush; `contract-stats`, the app's
 * own contract stats projection (`ProjectContractEventService`, its cache invalidation
 * included) over contract.created / contract.updated events.
 */
export type BenchProjectionMode = 'async' | 'sync' | 'transaction' | 'contract-stats';

/** When each event's handler started and when it was applied (`monotonicMs`), for the bench to pair with commit times. */
export const appliedAt: [eventId: string, at: number, handlerStartedAt: number][] = [];


/** Runs `apply` on `events` and records when it started and ended for each of them. */
async function timed(events: EventEnvelope[], apply: () => Promise<unknown>): Promise<void> {
  const started = monotonicMs();
  await apply();
  const at = monotonicMs();
  for (const event of events) appliedAt.push([event.eventId, at, started]);
}

/** Counts the fresh events per aggregate: `$2` holds the event ids, `$3` their aggregates' ids. */
const UPSERT_FRESH = `INSERT INTO bench_projection (aggregate_id, events)
  SELECT e.aggregate_id, count(*) FROM unnest($2::uuid[], $3::uuid[]) AS e(event_id, aggregate_id) JOIN fresh USING (event_id) GROUP BY e.aggregate_id ORDER BY e.aggregate_id
  ON CONFLICT (aggregate_id) DO UPDATE SET events = bench_projection.events + EXCLUDED.events`;

/** The same upsert for the aggregate ids given ($1), as a statement of its own. */
const UPSERT = `INSERT INTO bench_projection (aggregate_id, events) SELECT id, count(*) FROM unnest($1::uuid[]) AS id GROUP BY id ORDER BY id
  ON CONFLICT (aggregate_id) DO UPDATE SET events = bench_projection.events + EXCLUDED.events`;

/** A projection like the real ones: an upsert per event, applied once through the inbox, the events ready together in one batch (the `sync` mode). */
@EventConsumer({ group: BENCH_GROUP, aggregateTypes: ['contract'] })
@Injectable()
export class BenchProjection {
  protected readonly applyOptions: ApplyOnceOptions = {};

  constructor(@InjectDataSource() protected readonly db: DataSource) {}

  async handle(event: EventEnvelope): Promise<void> {
    await this.handleBatch([event]);
  }

  async handleBatch(events: EventEnvelope[]): Promise<void> {
    await timed(events, () => this.apply(events));
  }

  protected async apply(events: EventEnvelope[]): Promise<void> {
    await applyEachOnceInOneStatement(this.db, BENCH_GROUP, events, { sql: UPSERT_FRESH, params: [events.map((e) => e.aggregateId)], prepareAs: 'bench-projection' }, this.applyOptions);
  }
}

/** The `async` mode. */
@EventConsumer({ group: BENCH_GROUP, aggregateTypes: ['contract'] })
@Injectable()
export class AsyncBenchProjection extends BenchProjection {
  protected override readonly applyOptions: ApplyOnceOptions = { asyncCommit: true };

  beforeAck(eventIds: string[]): Promise<string[]> {
    return durablyApplied(this.db, BENCH_GROUP, eventIds);
  }
}

/** The `transaction` mode, the peer. */
@EventConsumer({ group: BENCH_GROUP, aggregateTypes: ['contract'] })
@Injectable()
export class TransactionBenchProjection extends BenchProjection {
  protected override async apply(events: EventEnvelope[]): Promise<void> {
    await applyEachOnce(this.db, BENCH_GROUP, events, (manager, fresh) => manager.query(UPSERT, [fresh.map((e) => e.aggregateId)]));
  }
}

/** The `contract-stats` mode: the app's consumer (`ContractStatsConsumer`), timed. */
@EventConsumer({ group: CONTRACT_STATS_GROUP, aggregateTypes: [CONTRACT_AGGREGATE] })
@Injectable()
export class ContractStatsBenchProjection {
  constructor(private readonly live: ProjectContractEventService) {}

  async handle(event: EventEnvelope): Promise<void> {
    await this.handleBatch([event]);
  }

  async handleBatch(events: EventEnvelope[]): Promise<void> {
    await timed(events, () => this.live.handleBatch(events));
  }
}

/** `BENCH_PROJECTION` (set by the bench for each run) chooses the mode; `async` by default. */
@Module({})
export class BenchProjectionModule {
  static forMode(mode = (process.env.BENCH_PROJECTION ?? 'async') as BenchProjectionMode): DynamicModule {
    if (mode === 'contract-stats') {
      // The projection invalidates its stats' cache tags: the tiered cache, which needs the jobs module.
      return { module: BenchProjectionModule, imports: [JobsModule.forRoot(), CacheModule.forRoot({ runWarmJobs: false })], providers: [ContractStatsProjection, ProjectContractEventService, ContractStatsBenchProjection] };
    }
    const projections = { async: AsyncBenchProjection, sync: BenchProjection, transaction: TransactionBenchProjection };
    return { module: BenchProjectionModule, providers: [projections[mode]] };
  }
}
