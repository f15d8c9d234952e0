import type { BucketLimit } from '../rate-limit.options.js';

/** What one budget and tier of one instance admitted since its last sync. */
export interface SyncBatch {
  /** Budget and tier, e.g. `read:anonymous`: buckets of different tables never mix. */
  readonly table: string;
  readonly limit: BucketLimit;
  readonly ids: readonly string[];
  /** Requests admitted per id since its last sync, in the order of `ids`. */
  readonly consumed: readonly number[];
}

/**
 * Where instances share their buckets. A shared bucket refills at its rate up to its burst and
 * is charged what every instance admitted; it may go into debt (down to minus its burst), so
 * what instances admitted between syncs beyond it is paid back before anyone is admitted again.
 */
export interface RateLimitStore {
  /** Charges each id's consumption at `now` (epoch ms) and returns the tokens each shared bucket has left then, per batch. */
  sync(now: number, batches: readonly SyncBatch[]): Promise<number[][]>;
}
