import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppConfig } from '../../../config/index.js';
import { REDIS_CLIENT } from '../../redis/index.js';
import { EventStreamsUnavailableError } from '../event-streams.inspector.js';
import { DeadLetterNotFoundError, DeadLetterNotReplayableError } from './dead-letter.errors.js';
import { type DeadLetter, deadLetterStream, fromFields } from './dead-letter.record.js';

const STREAM_ID = /^(\d{1,20})-(\d{1,20})$/;
const U64_MAX = 2n ** 64n - 1n;

/** A Redis stream entry id (two unsigned 64-bit integers): anything else names no entry, and Redis would refuse it. */
const isStreamId = (id: string): boolean => {
  const m = STREAM_ID.exec(id);
  return m !== null && BigInt(m[1]) <= U64_MAX && BigInt(m[2]) <= U64_MAX;
};

export interface DeadLetterPage {
  items: DeadLetter[];
  /** Total in the stream. */
  total: number;
  /** Pass as `before` for the next (older) page; null on the last one. */
  next: string | null;
}

export interface DeadLetterReplay {
  /** The stream the envelope went back to, and its new entry id there. */
  stream: string;
  entryId: string;
}

/**
 * Operators' view of the dead-letter stream. A replay publishes the envelope again to its
 * original stream, so every group of that stream sees it once more (handlers are idempotent by
 * event id, so groups that applied it skip it), then removes the dead letter.
 */
@Injectable()
export class DeadLettersService {
  private readonly key: string;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    config: AppConfig,
  ) {
    this.key = deadLetterStream(config.redis.keyPrefix);
  }

  /** Newest first. */
  async list(limit: number, before?: string): Promise<DeadLetterPage> {
    const [entries, total] = await this.unavailableAsError(() => Promise.all([this.redis.xrevrange(this.key, before ? `(${before}` : '+', '-', 'COUNT', limit + 1), this.redis.xlen(this.key)]));
    const items = entries.slice(0, limit).map(([id, fields]) => fromFields(id, fields));
    return { items, total, next: entries.length > limit ? items[items.length - 1].id : null };
  }

  async get(id: string): Promise<DeadLetter> {
    if (!isStreamId(id)) throw new DeadLetterNotFoundError(id);
    const [entry] = await this.unavailableAsError(() => this.redis.xrange(this.key, id, id));
    if (!entry) throw new DeadLetterNotFoundError(id);
    return fromFields(entry[0], entry[1]);
  }

  async replay(id: string): Promise<DeadLetterReplay> {
    const letter = await this.get(id);
    if (!letter.envelope) throw new DeadLetterNotReplayableError(id);
    const entryId = await this.unavailableAsError(async () => {
      const added = (await this.redis.xadd(letter.stream, '*', 'id', letter.eventId ?? '', 'type', letter.type ?? '', 'envelope', letter.envelope ?? '')) as string;
      await this.redis.xdel(this.key, id);
      return added;
    });
    return { stream: letter.stream, entryId };
  }

  private async unavailableAsError<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw new EventStreamsUnavailableError(error);
    }
  }
}
