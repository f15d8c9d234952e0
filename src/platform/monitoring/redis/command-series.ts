import { LATENCY_BUCKETS, latencyBucket } from './latency-histogram.js';

/** Minutes of per-minute figures kept: one hour. */
export const MINUTES_KEPT = 60;

/** One minute of one series. Latency counts leave blocking commands out: their time is a wait. */
export class MinuteBucket {
  minute = -1;
  count = 0;
  errors = 0;
  slow = 0;
  blocking = 0;
  readonly latency = new Uint32Array(LATENCY_BUCKETS);

  reset(minute: number): void {
    this.minute = minute;
    this.count = this.errors = this.slow = this.blocking = 0;
    this.latency.fill(0);
  }
}

/** One command name on one connection role: totals since start, and one bucket per minute of the last hour (made as minutes are used). */
export class CommandSeries {
  count = 0;
  errors = 0;
  slow = 0;
  blocking = 0;
  private readonly minutes: (MinuteBucket | undefined)[] = new Array<MinuteBucket | undefined>(MINUTES_KEPT).fill(undefined);

  constructor(
    readonly name: string,
    readonly role: string,
  ) {}

  record(minute: number, durationMs: number, failed: boolean, blocking: boolean, slow: boolean): void {
    this.count++;
    const slot = minute % MINUTES_KEPT;
    let bucket = this.minutes[slot];
    if (bucket === undefined) bucket = this.minutes[slot] = new MinuteBucket();
    if (bucket.minute !== minute) bucket.reset(minute);
    bucket.count++;
    if (failed) {
      this.errors++;
      bucket.errors++;
    }
    if (blocking) {
      this.blocking++;
      bucket.blocking++;
      return;
    }
    bucket.latency[latencyBucket(durationMs)]++;
    if (slow) {
      this.slow++;
      bucket.slow++;
    }
  }

  /** The buckets of minutes `from`..`to` (inclusive) that saw commands. */
  bucketsBetween(from: number, to: number): MinuteBucket[] {
    return this.minutes.filter((bucket): bucket is MinuteBucket => bucket !== undefined && bucket.minute >= from && bucket.minute <= to);
  }
}
