import type { BucketLimit } from './rate-limit.options.js';

/** One caller's bucket in one budget and tier, as this instance sees it. */
export interface Bucket {
  readonly id: string;
  /**
   * Tokens at `at` (epoch ms) this instance may spend: its share of the shared count at the
   * last sync, less what it admitted since, plus its share of the refill; negative while the
   * shared bucket is in debt.
   */
  tokens: number;
  at: number;
  /**
   * What this instance admitted of all that was admitted for the caller lately (1 until another
   * instance is seen): it spends that share of the shared tokens, so instances serving one
   * caller at once do not each spend all of them.
   */
  share: number;
  /** Admissions lately, this instance's and the others', decaying with a half-life of `SHARE_HALF_LIFE_MS`. */
  own: number;
  others: number;
  /** Refill per ms and the most `tokens` holds: the bucket's, times the share. */
  refillPerMs: number;
  cap: number;
  /** The shared count at the last sync, and when that sync was sent (undefined before the first). */
  lastShared: number;
  lastSyncAt: number | undefined;
  /** Whether the last `take` admitted the request. */
  admitted: boolean;
  /** Admitted since the last sync was sent. */
  pending: number;
  /** Admitted in the sync under way. */
  sent: number;
  /** Listed for the next sync. */
  queued: boolean;
  syncing: boolean;
  /** An early sync is asked for once `pending` reaches this. */
  syncAt: number;
}

/** An instance asks for an early sync once it spent this part of what it may spend since the last one. */
const EARLY_SYNC_PART = 1 / 16;
/**
 * How fast the share forgets: long enough to span several syncs, whose single intervals see
 * the other instances' admissions unevenly; short enough to follow a caller who moves.
 */
const SHARE_HALF_LIFE_MS = 200;

/**
 * The buckets of one budget and tier in this instance. Hot path: `take` allocates nothing for a
 * known caller and answers without waiting; the shared state arrives through `applySync`.
 */
export class BucketTable {
  private readonly buckets = new Map<string, Bucket>();
  private dirty: Bucket[] = [];
  private readonly perMs: number;

  constructor(
    /** `budget:tier`, the shared buckets' namespace. */
    readonly name: string,
    readonly limit: BucketLimit,
    private readonly maxBuckets: number,
    /** Called when a bucket spent its share since the last sync. */
    private readonly wantSync: () => void,
  ) {
    this.perMs = limit.rate / 1000;
  }

  get size(): number {
    return this.buckets.size;
  }

  /** Takes one token from `id`'s bucket if it has one; `admitted` on the bucket says whether it did. */
  take(id: string, now: number): Bucket {
    const bucket = this.buckets.get(id) ?? this.create(id, now);
    let tokens = bucket.tokens;
    if (now > bucket.at) {
      tokens += (now - bucket.at) * bucket.refillPerMs;
      if (tokens > bucket.cap) tokens = bucket.cap;
      bucket.at = now;
    }
    if (tokens < 1) {
      bucket.tokens = tokens;
      bucket.admitted = false;
      return bucket;
    }
    bucket.tokens = tokens - 1;
    bucket.admitted = true;
    // Bounded like the table: while a sync hangs, a flood of new callers cannot grow the list.
    if (!bucket.queued && this.dirty.length < this.maxBuckets) {
      bucket.queued = true;
      this.dirty.push(bucket);
    }
    if (++bucket.pending >= bucket.syncAt) this.wantSync();
    return bucket;
  }

  /** The buckets that admitted requests since the last sync, now marked as being synced. */
  startSync(): Bucket[] {
    const list = this.dirty;
    this.dirty = [];
    for (const bucket of list) {
      bucket.queued = false;
      bucket.syncing = true;
      bucket.sent = bucket.pending;
      bucket.pending = 0;
    }
    return list;
  }

  /**
   * The shared tokens of each bucket of `list` at `sentAt`. What the shared count lost beyond
   * refill and this instance's own admissions since its last sync, other instances admitted:
   * the share is what this instance admitted of the whole. It may spend its share of the shared
   * count, less what it admitted since this sync was sent.
   */
  applySync(list: readonly Bucket[], shared: readonly number[], sentAt: number): void {
    const { burst } = this.limit;
    for (let i = 0; i < list.length; i++) {
      const bucket = list[i];
      const count = shared[i];
      if (bucket.lastSyncAt !== undefined) {
        const expected = Math.min(burst, bucket.lastShared + (sentAt - bucket.lastSyncAt) * this.perMs) - bucket.sent;
        const decay = 0.5 ** ((sentAt - bucket.lastSyncAt) / SHARE_HALF_LIFE_MS);
        bucket.own = bucket.own * decay + bucket.sent;
        bucket.others = bucket.others * decay + (expected > count ? expected - count : 0);
        bucket.share = bucket.own / (bucket.own + bucket.others);
      } else bucket.own = bucket.sent;
      bucket.lastShared = count;
      bucket.lastSyncAt = sentAt;
      bucket.refillPerMs = this.perMs * bucket.share;
      bucket.cap = burst * bucket.share;
      bucket.tokens = count * bucket.share - bucket.pending;
      bucket.at = sentAt;
      bucket.syncing = false;
      bucket.sent = 0;
      bucket.syncAt = Math.max(1, Math.floor(Math.max(0, count * bucket.share) * EARLY_SYNC_PART));
    }
  }

  /** The store was not reached: each bucket keeps its local count, and what it sent is not charged later. */
  failSync(list: readonly Bucket[]): void {
    for (const bucket of list) {
      bucket.syncing = false;
      bucket.sent = 0;
    }
  }

  /** Drops buckets that are full again and have nothing to sync: a missing bucket is a full one. */
  sweep(now: number): void {
    for (const [id, bucket] of this.buckets) {
      if (!bucket.queued && !bucket.syncing && bucket.tokens + (now - bucket.at) * bucket.refillPerMs >= bucket.cap) this.buckets.delete(id);
    }
  }

  /**
   * A new caller starts with a full bucket and asks for a sync at its first admission, to learn
   * what other instances know of it. At the bound the oldest bucket goes: a flood of new
   * callers cannot grow memory, and a dropped caller's shared bucket is read again at its next sync.
   */
  private create(id: string, now: number): Bucket {
    if (this.buckets.size >= this.maxBuckets) this.buckets.delete(this.buckets.keys().next().value as string);
    const { rate, burst } = this.limit;
    const bucket: Bucket = { id, tokens: burst, at: now, share: 1, own: 0, others: 0, refillPerMs: rate / 1000, cap: burst, lastShared: burst, lastSyncAt: undefined, admitted: false, pending: 0, sent: 0, queued: false, syncing: false, syncAt: 1 };
    this.buckets.set(id, bucket);
    return bucket;
  }
}
