import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { Client } from 'pg';
import { envelopeOfRow, EVENT_ROW_COLUMNS, type EventRow } from './event-row.js';
import { streamOf } from './event-streams.js';
import { OUTBOX_CHANNEL } from './outbox-notifier.js';
import { OUTBOX_HORIZON_SQL } from './outbox-writers.js';

export interface OutboxRelaySettings {
  databaseUrl: string;
  keyPrefix: string;
  shards: number;
  pollMs: number;
  batch: number;
  /** How long published rows wait to be marked together (`MARK_EVERY_MS` by default). */
  markEveryMs?: number;
}

/** Advisory lock held by the one relay that publishes; the others stand by. */
const LEADER_LOCK = 7_003_700_112;

/** Prepared once per connection (no planning per round). Skips the rows published but not marked yet (`$2`). */
const SELECT_BATCH = `SELECT ${EVENT_ROW_COLUMNS}
   FROM outbox
  WHERE published_at IS NULL AND position <> ALL($2::bigint[]) AND tx_id::text::bigint < (${OUTBOX_HORIZON_SQL})
  ORDER BY position
  LIMIT $1`;

/** Prepared once per connection, like the batch (planning was ~8% of the relay's server CPU). */
const MARK_PUBLISHED = 'UPDATE outbox SET published_at = now() WHERE position = ANY($1::bigint[])';

/**
 * Published rows are marked together, at most this long after the first of them went out, or
 * before the next read once this many wait: one UPDATE per 20 ms instead of one per round (at
 * 1,000 events/s a round carries one or two events, and the mark was a third of the relay's
 * statements). Until then the reads skip them by position.
 */
const MARK_EVERY_MS = 20;
const MARK_AT_MOST = 100;

/**
 * The relay's session: its marks commit without waiting for the WAL flush (see below), and it
 * reads the outbox through its indexes only. A plain index scan, never a bitmap scan: every mark
 * leaves a dead entry in the unpublished-rows index until vacuum, and only a plain scan
 * remembers them as dead (a bitmap scan visited ~10,000 of them, ~7 ms, per round at 500
 * events/s). No sequential scan: the statements are prepared once per connection, and a plan
 * made while the outbox was small (a fresh or just-cleaned table) would otherwise stay a
 * sequential scan as the table grows, until vacuum refreshes its size; the mark read every row
 * of the outbox, ~1 ms of server CPU per round at 10,000 rows.
 */
const SESSION_SETTINGS = 'SET synchronous_commit = off; SET enable_bitmapscan = off; SET enable_seqscan = off';

/**
 * Publishes outbox rows to Redis Streams in `position` order, woken by NOTIFY and by a poll.
 * It takes only rows of transactions older than every outbox writer still running (see
 * `OUTBOX_HORIZON_SQL`): such a writer may yet commit rows with lower positions, so nothing
 * after it goes out first; transactions that write no event are not waited for. A row is
 * marked published only after Redis accepted it; if Redis is away the rows wait, in order.
 * Marks go in batches (`MARK_EVERY_MS`). A relay killed between XADD and the mark publishes
 * those rows again (consumers are idempotent by event id); for the same reason its marks commit
 * without waiting for the WAL flush: a Postgres crash can lose only marks (rows published
 * again), never rows.
 */
export class OutboxRelay {
  private readonly logger = new Logger('OutboxRelay');
  private client: Client | undefined;
  private leader = false;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private failing = false;
  /** Positions published but not marked yet, and the timer that marks them. */
  private unmarked: string[] = [];
  private markTimer: NodeJS.Timeout | undefined;
  published = 0;

  constructor(
    private readonly settings: OutboxRelaySettings,
    private readonly redis: Redis,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.kick(), this.settings.pollMs);
    this.kick();
  }

  /** Whether it runs (started, not stopped), leads (holds the publishing lock), and publishes (its last round or mark did not fail). */
  state(): { running: boolean; leader: boolean; failing: boolean; published: number } {
    return { running: this.timer !== undefined && !this.stopped, leader: this.leader, failing: this.failing, published: this.published };
  }

  /** Runs a drain now, or once more after the one in progress. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.round()
      .catch((error: unknown) => this.failed(error))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Resolves once the drain in progress, if any, has finished; no new one starts. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
    await this.mark().catch(() => undefined);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async round(): Promise<void> {
    const client = await this.connected();
    if (!this.leader) this.leader = (await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [LEADER_LOCK])).rows[0].ok;
    if (!this.leader) return;
    try {
      while (!this.stopped && (await this.drainBatch(client)) === this.settings.batch);
    } finally {
      // This round's rows, and any published before a lost connection, are marked a period later.
      if (this.unmarked.length > 0) this.scheduleMark();
    }
    if (this.failing) this.logger.log({ msg: 'outbox relay publishing again' });
    this.failing = false;
  }

  private async drainBatch(client: Client): Promise<number> {
    if (this.unmarked.length >= MARK_AT_MOST) await this.mark();
    const { rows } = await client.query<EventRow>({ name: 'hotpath-outbox-batch', text: SELECT_BATCH, values: [this.settings.batch, this.unmarked] });
    if (rows.length === 0) return 0;
    const pipeline = this.redis.pipeline();
    for (const row of rows) {
      const envelope = envelopeOfRow(row);
      const stream = streamOf(this.settings.keyPrefix, row.aggregate_type, row.aggregate_id, this.settings.shards);
      pipeline.xadd(stream, '*', 'id', row.event_id, 'type', row.type, 'envelope', JSON.stringify(envelope));
    }
    for (const [error] of (await pipeline.exec()) ?? []) if (error) throw error;
    for (const row of rows) this.unmarked.push(row.position);
    this.published += rows.length;
    return rows.length;
  }

  /** A mark that fails is tried again a period later (its rows stay skipped meanwhile). */
  private scheduleMark(): void {
    this.markTimer ??= setTimeout(() => {
      this.markTimer = undefined;
      this.mark().catch((error: unknown) => {
        this.failed(error);
        if (!this.stopped) this.scheduleMark();
      });
    }, this.settings.markEveryMs ?? MARK_EVERY_MS);
  }

  /**
   * Marks the rows published so far. On the round's connection: node-postgres sends its queries
   * in order, so a read queued after the mark sees it. A failed mark keeps its positions for the
   * next one; if the connection was lost with it, the next leader publishes those rows again
   * (consumers are idempotent), as after a relay killed between XADD and the mark.
   */
  private async mark(): Promise<void> {
    clearTimeout(this.markTimer);
    this.markTimer = undefined;
    const client = this.client;
    if (!client || this.unmarked.length === 0) return;
    const positions = this.unmarked;
    this.unmarked = [];
    try {
      await client.query({ name: 'hotpath-outbox-mark', text: MARK_PUBLISHED, values: [positions] });
    } catch (error) {
      this.unmarked = positions.concat(this.unmarked);
      throw error;
    }
  }

  private async connected(): Promise<Client> {
    if (this.client) return this.client;
    const client = new Client({ connectionString: this.settings.databaseUrl, application_name: 'hotpath-outbox-relay' });
    client.on('notification', () => this.kick());
    // A lost connection also lost the leader lock: the next poll reconnects and competes again.
    client.on('error', (error) => {
      this.failed(error);
      if (this.client === client) {
        this.client = undefined;
        this.leader = false;
      }
    });
    await client.connect();
    await client.query(`${SESSION_SETTINGS}; LISTEN ${OUTBOX_CHANNEL}`);
    this.client = client;
    return client;
  }

  /** Logged once per outage, not per retry. */
  private failed(error: unknown): void {
    if (!this.failing) this.logger.warn({ msg: 'outbox relay cannot publish; rows wait in the outbox', error: String(error) });
    this.failing = true;
  }
}
