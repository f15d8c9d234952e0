import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../../config/index.js';
import { AppError } from '../errors/index.js';
import { REDIS_CLIENT, scanKeys } from '../redis/index.js';

export interface StreamGroupReport {
  name: string;
  consumers: number;
  pending: number;
  /** Entries not yet delivered to the group (null when Redis cannot tell, e.g. after trimming). */
  lag: number | null;
  lastDeliveredId: string;
}

export interface EventStreamsReport {
  outbox: { unpublished: number; oldestUnpublishedAgeSeconds: number | null };
  streams: { name: string; length: number; lastId: string | null; groups: StreamGroupReport[] }[];
}

export class EventStreamsUnavailableError extends AppError {
  readonly code = 'EVENTS.REDIS_UNAVAILABLE';
  readonly kind = 'unavailable' as const;

  constructor(cause: unknown) {
    super(`Redis did not answer while reading the event streams: ${String(cause)}`, { cause });
  }
}

/** What operators need to see of the event pipeline: the outbox backlog and every event stream (found with SCAN). */
@Injectable()
export class EventStreamsInspector {
  /** The streams found by the latest SCAN, and when (epoch ms). */
  private listed: { at: number; names: string[] } | undefined;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  /**
   * `streamsListedWithinMs`: reuse the stream names of a SCAN at most this old, for callers that
   * read often (the monitor's alert rules): a SCAN walks the whole keyspace, cache entries
   * included, while streams come and go rarely. By default the names are listed afresh.
   */
  async report(options: { streamsListedWithinMs?: number } = {}): Promise<EventStreamsReport> {
    const [outbox] = (await this.db.query(
      `SELECT count(*)::int AS unpublished, extract(epoch FROM now() - min(occurred_at))::float8 AS age FROM outbox WHERE published_at IS NULL`,
    )) as { unpublished: number; age: number | null }[];
    const streams = await this.streams(options.streamsListedWithinMs ?? 0).catch((error: unknown) => {
      throw new EventStreamsUnavailableError(error);
    });
    return { outbox: { unpublished: outbox.unpublished, oldestUnpublishedAgeSeconds: outbox.age === null ? null : Math.round(outbox.age * 10) / 10 }, streams };
  }

  private async streams(listedWithinMs: number): Promise<EventStreamsReport['streams']> {
    const now = Date.now();
    const reused = this.listed !== undefined && now - this.listed.at <= listedWithinMs;
    if (!reused) this.listed = { at: now, names: (await scanKeys(this.redis, `${this.config.redis.keyPrefix}:events:*`, 'stream')).sort() };
    const { names } = this.listed as { names: string[] };
    try {
      return await Promise.all(names.map((name) => this.stream(name)));
    } catch (error) {
      // A stream listed earlier may be gone (a Redis restarted empty): list them again once.
      if (!reused) throw error;
      this.listed = undefined;
      return this.streams(0);
    }
  }

  private async stream(name: string): Promise<EventStreamsReport['streams'][number]> {
    const [length, last, groups] = await Promise.all([
      this.redis.xlen(name),
      this.redis.xrevrange(name, '+', '-', 'COUNT', 1),
      this.redis.xinfo('GROUPS', name) as Promise<unknown[][]>,
    ]);
    return { name, length, lastId: last[0]?.[0] ?? null, groups: groups.map(toGroup) };
  }
}

function toGroup(fields: unknown[]): StreamGroupReport {
  const info = new Map<string, unknown>();
  for (let i = 0; i + 1 < fields.length; i += 2) info.set(String(fields[i]), fields[i + 1]);
  const lag = info.get('lag');
  return {
    name: String(info.get('name')),
    consumers: Number(info.get('consumers')),
    pending: Number(info.get('pending')),
    lag: lag === null || lag === undefined ? null : Number(lag),
    lastDeliveredId: String(info.get('last-delivered-id')),
  };
}
