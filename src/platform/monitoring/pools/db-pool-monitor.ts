import { LATENCY_BUCKETS, histogramQuantile, latencyBucket } from '../redis/latency-histogram.js';
import type { PgPool } from './pg-pool.js';

export interface PoolExhaustion {
  at: string;
  waitedMs: number;
}

export interface PoolFigures {
  max: number;
  min: number;
  total: number;
  idle: number;
  inUse: number;
  waiting: number;
  /** Most connections in use at once since start. */
  peakInUse: number;
  acquisitions: number;
  /** Acquisitions that found no idle connection with the pool at its maximum, so queued. */
  waits: number;
  /** Acquisitions that gave up (the acquire timeout): the pool was exhausted. */
  timeouts: number;
  acquireP50Ms: number | null;
  acquireP95Ms: number | null;
  acquireMaxMs: number;
  /** The latest exhaustion events, newest first. */
  exhaustions: PoolExhaustion[];
}

const EXHAUSTIONS_KEPT = 20;

/**
 * Times every acquisition from a node-postgres pool, without touching its queries: how long
 * it waited, whether it had to queue (no idle connection, pool at its maximum) and whether it
 * gave up (the pool's connection timeout: an exhaustion event). Wraps the pool's `connect`,
 * which TypeORM calls for every query and transaction.
 */
export class DbPoolMonitor {
  private readonly latency = new Uint32Array(LATENCY_BUCKETS);
  private acquisitions = 0;
  private waits = 0;
  private timeouts = 0;
  private peakInUse = 0;
  private acquireMaxMs = 0;
  private exhaustions: PoolExhaustion[] = [];

  constructor(
    private readonly pool: PgPool,
    private readonly clock: () => number,
    /** A monotonic clock in ms for the waits. */
    elapsed: () => number = () => performance.now(),
  ) {
    const connect = pool.connect;
    const max = pool.options.max ?? 10;
    const record = (started: number, error: unknown) => this.acquired(elapsed() - started, error);
    const queued = () => this.waits++;
    pool.connect = function (...args: unknown[]) {
      const started = elapsed();
      if (pool.idleCount === 0 && pool.totalCount >= max) queued();
      const callback = args[0];
      if (typeof callback !== 'function') {
        return (connect.call(pool) as Promise<unknown>).then(
          (client) => (record(started, undefined), client),
          (error: unknown) => {
            record(started, error);
            throw error;
          },
        );
      }
      return connect.call(pool, (error: unknown, ...rest: unknown[]) => {
        record(started, error);
        return (callback as (...all: unknown[]) => unknown)(error, ...rest);
      });
    };
  }

  figures(): PoolFigures {
    const { totalCount, idleCount, waitingCount, options } = this.pool;
    return {
      max: options.max ?? 10,
      min: options.min ?? 0,
      total: totalCount,
      idle: idleCount,
      inUse: totalCount - idleCount,
      waiting: waitingCount,
      peakInUse: Math.max(this.peakInUse, totalCount - idleCount),
      acquisitions: this.acquisitions,
      waits: this.waits,
      timeouts: this.timeouts,
      acquireP50Ms: histogramQuantile(this.latency, 0.5),
      acquireP95Ms: histogramQuantile(this.latency, 0.95),
      acquireMaxMs: this.acquireMaxMs,
      exhaustions: [...this.exhaustions],
    };
  }

  private acquired(waitedMs: number, error: unknown): void {
    this.acquisitions++;
    this.latency[latencyBucket(waitedMs)]++;
    if (waitedMs > this.acquireMaxMs) this.acquireMaxMs = waitedMs;
    const inUse = this.pool.totalCount - this.pool.idleCount;
    if (inUse > this.peakInUse) this.peakInUse = inUse;
    if (error instanceof Error && /timeout exceeded when trying to connect/i.test(error.message)) {
      this.timeouts++;
      this.exhaustions = [{ at: new Date(this.clock()).toISOString(), waitedMs: Math.round(waitedMs) }, ...this.exhaustions].slice(0, EXHAUSTIONS_KEPT);
    }
  }
}
