import { Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { applyOnce, EventConsumer, type EventEnvelope } from '../../src/platform/events/index.js';

export const BENCH_GROUP = 'bench-projection';

/** When each event was applied (epoch ms, fractional), for the bench to pair with commit times. */
export const appliedAt: [eventId: string, at: number][] = [];

/** A projection like the real ones: one upsert per event, applied once through the inbox. */
@EventConsumer({ group: BENCH_GROUP, aggregateTypes: ['contract'] })
@Injectable()
export class BenchProjection {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async handle(event: EventEnvelope): Promise<void> {
    await applyOnce(this.db, BENCH_GROUP, event, (manager) =>
      manager.query('INSERT INTO bench_projection (aggregate_id, events) VALUES ($1, 1) ON CONFLICT (aggregate_id) DO UPDATE SET events = bench_projection.events + 1', [event.aggregateId]),
    );
    appliedAt.push([event.eventId, performance.timeOrigin + performance.now()]);
  }
}

@Module({ providers: [BenchProjection] })
export class BenchProjectionModule {}
