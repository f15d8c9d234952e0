import { Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { applyEachOnce, applyOnce, EventConsumer, type EventEnvelope } from '../../src/platform/events/index.js';

export const BENCH_GROUP = 'bench-projection';

/** When each event was applied (epoch ms, fractional), for the bench to pair with commit times. */
export const appliedAt: [eventId: string, at: number][] = [];

const UPSERT = `INSERT INTO bench_projection (aggregate_id, events) SELECT id, count(*) FROM unnest($1::uuid[]) AS id GROUP BY id ORDER BY id
  ON CONFLICT (aggregate_id) DO UPDATE SET events = bench_projection.events + EXCLUDED.events`;

/** A projection like the real ones: an upsert per event, applied once through the inbox; the events ready together share one transaction. */
@EventConsumer({ group: BENCH_GROUP, aggregateTypes: ['contract'] })
@Injectable()
export class BenchProjection {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async handle(event: EventEnvelope): Promise<void> {
    await applyOnce(this.db, BENCH_GROUP, event, (manager) => manager.query(UPSERT, [[event.aggregateId]]));
    appliedAt.push([event.eventId, performance.timeOrigin + performance.now()]);
  }

  async handleBatch(events: EventEnvelope[]): Promise<void> {
    await applyEachOnce(this.db, BENCH_GROUP, events, (manager, fresh) => manager.query(UPSERT, [fresh.map((e) => e.aggregateId)]));
    const at = performance.timeOrigin + performance.now();
    for (const event of events) appliedAt.push([event.eventId, at]);
  }
}

@Module({ providers: [BenchProjection] })
export class BenchProjectionModule {}
