import type { BucketLimit } from './rate-limit.options.js';

/** One caller's bucket in one budget and tier, as this instance sees it. */
export interface Bucket {
  readonly id: string;
  /**
   * Tokens at `at` (epoch ms): the shared count at the last sync, less what this instance
   * admitted since, plus refill at the full rate; negative while the shared bucket is in debt.
   */
  tokens: number;
  at: number;
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

/**
 * Between syncs an instance spends at most this share of what it last saw before it asks for
 * an early sync: what the other instances spend meanwhile, unseen, stays within that share.
 */
const EARLY_SYNC_SHARE = 1 / 16;

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
      tokens += (now - bucket.at) * this.perMs;
      if (tokens > this.limit.burst) tokens = this.limit.burst;
      bucket.at = now;
    }
    if (tokens < 1) {
      bucket.tokens = tokens;
      bucket.admitted = false;
      return bucket;
    }
    bucket.tokens = tokens - 1;
    bucket.admitted = true;
    if (!bucket.queued) {
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

  /** The shared tokens of each bucket of `list` at `sentAt`: what this instance admitted since is taken off again. */
  applySync(list: readonly Bucket[], shared: readonly number[], sentAt: number): void {
    for (let i = 0; i < list.length; i++) {
      const bucket = list[i];
      bucket.tokens = shared[i] - bucket.pending;
      bucket.at = sentAt;
      bucket.syncing = false;
      bucket.sent = 0;
      bucket.syncAt = Math.max(1, Math.floor(Math.max(0, shared[i]) * EARLY_SYNC_SHARE));
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
      if (!bucket.queued && !bucket.syncing && bucket.tokens + (now - bucket.at) * this.perMs >= this.limit.burst) this.buckets.delete(id);
    }
  }

  /**
   * A new caller starts with a full bucket and asks for a sync at its first admission, to learn
   * what other instances know of it. At the bound the oldest bucket goes: a flood of new
   * callers cannot grow memory, and a dropped caller's shared bucket is read again at its next sync.
   */
  private create(id: string, now: number): Bucket {
    if (this.buckets.size >= this.maxBuckets) this.buckets.delete(this.buckets.keys().next().value as string);
    const bucket: Bucket = { id, tokens: this.limit.burst, at: now, admitted: false, pending: 0, sent: 0, queued: false, syncing: false, syncAt: 1 };
    this.buckets.set(id, bucket);
    return bucket;
  }
}
