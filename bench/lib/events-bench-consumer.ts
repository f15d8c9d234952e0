import { Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { applyEachOnce, applyOnce, type ApplyOnceOptions, durablyApplied, EventConsumer, type EventEnvelope } from '../../src/platform/events/index.js';

export const BENCH_GROUP = 'bench-projection';

/** When each event's handler started and when it was applied (epoch ms, fractional), for the bench to pair with commit times. */
export const appliedAt: [eventId: string, at: number, handlerStartedAt: number][] = [];

const now = () => performance.timeOrigin + performance.now();

const UPSERT = `INSERT INTO bench_projection (aggregate_id, events) SELECT id, count(*) FROM unnest($1::uuid[]) AS id GROUP BY id ORDER BY id
  ON CONFLICT (aggregate_id) DO UPDATE SET events = bench_projection.events + EXCLUDED.events`;

/**
 * A projection like the real ones: an upsert per event, applied once through the inbox; the
 * events ready together share one transaction, which waits for its WAL flush (the default).
 */
@EventConsumer({ group: BENCH_GROUP, aggregateTypes: ['contract'] })
@Injectable()
export class BenchProjection {
  protected readonly applyOptions: ApplyOnceOptions = {};

  constructor(@InjectDataSource() protected readonly db: DataSource) {}

  async handle(event: EventEnvelope): Promise<void> {
    const started = now();
    await applyOnce(this.db, BENCH_GROUP, event, (manager) => manager.query(UPSERT, [[event.aggregateId]]), this.applyOptions);
    appliedAt.push([event.eventId, now(), started]);
  }

  async handleBatch(events: EventEnvelope[]): Promise<void> {
    const started = now();
    await applyEachOnce(this.db, BENCH_GROUP, events, (manager, fresh) => manager.query(UPSERT, [fresh.map((e) => e.aggregateId)]), this.applyOptions);
    const at = now();
    for (const event of events) appliedAt.push([event.eventId, at, started]);
  }
}

/** The same, committed asynchronously, each event acknowledged once its inbox row is known flushed. */
@EventConsumer({ group: BENCH_GROUP, aggregateTypes: ['contract'] })
@Injectable()
export class AsyncBenchProjection extends BenchProjection {
  protected override readonly applyOptions: ApplyOnceOptions = { asyncCommit: true };

  beforeAck(eventIds: string[]): Promise<string[]> {
    return durablyApplied(this.db, BENCH_GROUP, eventIds);
  }
}

/** `BENCH_PROJECTION_COMMIT=sync` (set by the bench for its peer run) runs the synchronous projection. */
@Module({ providers: [process.env.BENCH_PROJECTION_COMMIT === 'sync' ? BenchProjection : AsyncBenchProjection] })
export class BenchProjectionModule {}
