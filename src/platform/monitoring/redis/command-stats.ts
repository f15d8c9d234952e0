import type { RedisCommandObserver } from '../../redis/index.js';
import { CommandSeries, MINUTES_KEPT } from './command-series.js';
import { type CommandFigures, RecentCommands } from './recent-commands.js';
import { histogramQuantile, LATENCY_BUCKETS } from './latency-histogram.js';
import type { SlowCommandLog } from './slow-command-log.js';

export const MINUTE_MS = 60_000;

/** Commands over a span of minutes, all series together or one. */
export interface WindowFigures {
  count: number;
  errors: number;
  slow: number;
  blocking: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

export interface MinuteFigures extends WindowFigures {
  /** Start of the minute, ISO 8601. */
  minute: string;
}

/**
 * Client-side timing of this process's Redis commands (an observer of the redis platform's
 * timing hook): per command name and connection role, the last `RECENT_KEPT` operations and
 * per-minute buckets for an hour. Hot path: a settled command costs two map reads, a few
 * counter and array stores, and no allocation once its series and minute exist.
 */
export class RedisCommandStats implements RedisCommandObserver {
  readonly recent = new RecentCommands();
  private readonly byRole = new Map<string, Map<string, CommandSeries>>();

  constructor(
    private readonly slowMs: number,
    private readonly clock: () => number,
    private readonly slowLog: SlowCommandLog,
  ) {}

  commandSettled(name: string, role: string, durationMs: number, failed: boolean, blocking: boolean): void {
    let names = this.byRole.get(role);
    if (names === undefined) this.byRole.set(role, (names = new Map()));
    let series = names.get(name);
    if (series === undefined) names.set(name, (series = new CommandSeries(name, role)));
    const slow = !blocking && durationMs > this.slowMs;
    series.record(Math.floor(this.clock() / MINUTE_MS), durationMs, failed, blocking, slow);
    this.recent.add(series, durationMs, failed, blocking, slow);
    if (slow) this.slowLog.note(name, role, durationMs);
  }

  /** Every series, with its totals since start. */
  series(): CommandSeries[] {
    return [...this.byRole.values()].flatMap((names) => [...names.values()]);
  }

  /** All commands of the last `minutes` minutes, the current one included. */
  window(minutes: number): WindowFigures {
    const now = this.currentMinute();
    return merge(this.series().flatMap((series) => series.bucketsBetween(now - minutes + 1, now)));
  }

  /** Per command and role over the last `minutes` minutes (an hour at most). */
  byCommand(minutes = MINUTES_KEPT): CommandFigures[] {
    const now = this.currentMinute();
    return this.series()
      .map((series) => ({ series, figures: merge(series.bucketsBetween(now - minutes + 1, now)) }))
      .filter(({ figures }) => figures.count > 0)
      .map(({ series, figures }) => ({ command: series.name, role: series.role, ...figures, errorRate: figures.errors / figures.count }));
  }

  /** One entry per minute of the last hour, oldest first; minutes without commands count zero. */
  perMinute(): MinuteFigures[] {
    const now = this.currentMinute();
    const all = this.series();
    return Array.from({ length: MINUTES_KEPT }, (_, i) => {
      const minute = now - MINUTES_KEPT + 1 + i;
      return { minute: new Date(minute * MINUTE_MS).toISOString(), ...merge(all.flatMap((series) => series.bucketsBetween(minute, minute))) };
    });
  }

  private currentMinute(): number {
    return Math.floor(this.clock() / MINUTE_MS);
  }
}

function merge(buckets: readonly { count: number; errors: number; slow: number; blocking: number; latency: Uint32Array }[]): WindowFigures {
  const latency = new Uint32Array(LATENCY_BUCKETS);
  let count = 0;
  let errors = 0;
  let slow = 0;
  let blocking = 0;
  for (const bucket of buckets) {
    count += bucket.count;
    errors += bucket.errors;
    slow += bucket.slow;
    blocking += bucket.blocking;
    for (let i = 0; i < LATENCY_BUCKETS; i++) latency[i] += bucket.latency[i];
  }
  return { count, errors, slow, blocking, p50Ms: histogramQuantile(latency, 0.5), p95Ms: histogramQuantile(latency, 0.95), p99Ms: histogramQuantile(latency, 0.99) };
}
