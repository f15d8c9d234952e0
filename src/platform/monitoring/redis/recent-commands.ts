import type { CommandSeries } from './command-series.js';
import { sortedQuantile } from './latency-histogram.js';

/** Operations kept, whatever their age. */
export const RECENT_KEPT = 1000;

const FAILED = 1;
const BLOCKING = 2;
const SLOW = 4;

export interface CommandFigures {
  command: string;
  role: string;
  count: number;
  errors: number;
  errorRate: number;
  slow: number;
  /** Commands that block by design; left out of the latency figures. */
  blocking: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

/** The last `RECENT_KEPT` operations in a ring: writing one is three array stores. */
export class RecentCommands {
  private readonly durations = new Float64Array(RECENT_KEPT);
  private readonly flags = new Uint8Array(RECENT_KEPT);
  private readonly series = new Array<CommandSeries | undefined>(RECENT_KEPT).fill(undefined);
  private next = 0;

  add(series: CommandSeries, durationMs: number, failed: boolean, blocking: boolean, slow: boolean): void {
    const at = this.next;
    this.durations[at] = durationMs;
    this.flags[at] = (failed ? FAILED : 0) | (blocking ? BLOCKING : 0) | (slow ? SLOW : 0);
    this.series[at] = series;
    this.next = at + 1 === RECENT_KEPT ? 0 : at + 1;
  }

  /** Per command and role, over the operations kept. */
  figures(): CommandFigures[] {
    const groups = new Map<CommandSeries, { count: number; errors: number; slow: number; blocking: number; durations: number[] }>();
    for (let i = 0; i < RECENT_KEPT; i++) {
      const series = this.series[i];
      if (series === undefined) continue;
      let group = groups.get(series);
      if (!group) groups.set(series, (group = { count: 0, errors: 0, slow: 0, blocking: 0, durations: [] }));
      const flags = this.flags[i];
      group.count++;
      if (flags & FAILED) group.errors++;
      if (flags & SLOW) group.slow++;
      if (flags & BLOCKING) group.blocking++;
      else group.durations.push(this.durations[i]);
    }
    return [...groups].map(([series, group]) => {
      const sorted = group.durations.sort((a, b) => a - b);
      return {
        command: series.name,
        role: series.role,
        count: group.count,
        errors: group.errors,
        errorRate: group.errors / group.count,
        slow: group.slow,
        blocking: group.blocking,
        p50Ms: sortedQuantile(sorted, 0.5),
        p95Ms: sortedQuantile(sorted, 0.95),
        p99Ms: sortedQuantile(sorted, 0.99),
      };
    });
  }
}
