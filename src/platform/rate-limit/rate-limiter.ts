import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { type Bucket, BucketTable } from './bucket-table.js';
import { RATE_LIMIT_STORE } from './rate-limit.constants.js';
import { RATE_LIMIT_OPTIONS } from './rate-limit.module-definition.js';
import { DEFAULT_MAX_BUCKETS, DEFAULT_SYNC_INTERVAL_MS, type RateLimitModuleOptions, type RateLimitTier } from './rate-limit.options.js';
import type { RateLimitStore, SyncBatch } from './stores/rate-limit-store.js';

/** Early syncs start at most this often: a burst is seen by the others within it. */
const EARLY_SYNC_GAP_MS = 5;
const SWEEP_EVERY_MS = 1000;

/**
 * Token buckets per budget, tier and caller, counted in this instance and reconciled with the
 * shared store in the background: every `syncIntervalMs`, and early (at most every 5 ms) when a
 * bucket spent a sixteenth of what it may spend, each bucket that admitted requests sends what
 * it admitted and gets the shared count back (one store call for all; see `BucketTable` for
 * what an instance may spend). A request never waits for the store. Without the store, each
 * instance keeps limiting with its own counts; that is logged once, and once again when the
 * store is back.
 */
@Injectable()
export class RateLimiter implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('RateLimit');
  private readonly budgets = new Map<string, Readonly<Record<RateLimitTier, BucketTable>>>();
  private readonly tables: BucketTable[] = [];
  readonly clock: () => number;
  private readonly syncIntervalMs: number;
  private timer: NodeJS.Timeout | undefined;
  private early: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private lastStart = -Infinity;
  private lastSweep = 0;
  private stopped = false;
  /** False while the store cannot be reached: limits are per instance then. */
  shared = true;
  /** Store calls made, and how many of them failed. */
  readonly stats = { syncs: 0, failures: 0 };

  constructor(
    @Inject(RATE_LIMIT_OPTIONS) readonly options: RateLimitModuleOptions,
    @Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore,
  ) {
    this.clock = options.clock ?? Date.now;
    this.syncIntervalMs = options.syncIntervalMs ?? DEFAULT_SYNC_INTERVAL_MS;
    const maxBuckets = options.maxBuckets ?? DEFAULT_MAX_BUCKETS;
    for (const [budget, limits] of Object.entries(options.budgets)) {
      const tiers = {
        anonymous: new BucketTable(`${budget}:anonymous`, limits.anonymous, maxBuckets, this.wantSync),
        key: new BucketTable(`${budget}:key`, limits.key, maxBuckets, this.wantSync),
      };
      this.budgets.set(budget, tiers);
      this.tables.push(tiers.anonymous, tiers.key);
    }
  }

  /** The budgets' names. */
  get budgetNames(): string[] {
    return [...this.budgets.keys()];
  }

  /** Hot path: the table of `budget` and `tier`, undefined for an unknown budget. */
  table(budget: string, tier: RateLimitTier): BucketTable | undefined {
    return this.budgets.get(budget)?.[tier];
  }

  /** Buckets held in this instance, all tables together. */
  get size(): number {
    return this.tables.reduce((sum, table) => sum + table.size, 0);
  }

  onModuleInit(): void {
    if (!this.options.enabled || this.syncIntervalMs === 0) return;
    this.timer = setInterval(() => void this.sync(), this.syncIntervalMs);
    this.timer.unref();
  }

  /** Sends what was admitted since the last sync before the store's connection closes. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.early);
    if (this.running) await this.running;
    await this.sync();
  }

  /** Reconciles every bucket that admitted requests with the store; one sync runs at a time. */
  sync(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.syncOnce().finally(() => {
      this.running = undefined;
      if (this.again && !this.stopped) {
        this.again = false;
        this.wantSync();
      }
    });
    return this.running;
  }

  private readonly wantSync = (): void => {
    if (this.early || this.stopped || this.syncIntervalMs === 0) return;
    if (this.running) {
      this.again = true;
      return;
    }
    const wait = Math.max(0, this.lastStart + EARLY_SYNC_GAP_MS - this.clock());
    this.early = setTimeout(() => {
      this.early = undefined;
      void this.sync();
    }, wait);
    this.early.unref();
  };

  private async syncOnce(): Promise<void> {
    const now = this.clock();
    this.lastStart = now;
    if (now - this.lastSweep >= SWEEP_EVERY_MS) {
      this.lastSweep = now;
      for (const table of this.tables) table.sweep(now);
    }
    const sent: { table: BucketTable; buckets: Bucket[] }[] = [];
    const batches: SyncBatch[] = [];
    for (const table of this.tables) {
      const buckets = table.startSync();
      if (buckets.length === 0) continue;
      sent.push({ table, buckets });
      batches.push({ table: table.name, limit: table.limit, ids: buckets.map((b) => b.id), consumed: buckets.map((b) => b.sent) });
    }
    if (batches.length === 0) return;
    let shared: number[][];
    this.stats.syncs++;
    try {
      shared = await this.store.sync(now, batches);
    } catch (error) {
      this.stats.failures++;
      for (const { table, buckets } of sent) table.failSync(buckets);
      if (this.shared) this.logger.warn({ msg: 'rate limit store unavailable: each instance limits with its own counts until it is back', error: String(error) });
      this.shared = false;
      return;
    }
    sent.forEach(({ table, buckets }, i) => table.applySync(buckets, shared[i], now));
    if (!this.shared) this.logger.log({ msg: 'rate limit store back: limits are shared again' });
    this.shared = true;
  }
}
