/** Value at quantile q (0..1) of ascending samples, by the nearest-rank method. */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** Middle value (the upper one of an even count). */
export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

export interface Row {
  name: string;
  reqPerSec: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  /** Server CPU time (user + system) per request during the measured period: steadier than req/s on a shared, noisy machine. */
  cpuUsPerReq?: number;
}

export interface Results {
  scenario: string;
  date: string;
  machine: { nproc: number; node: string; loader?: string };
  rows: Row[];
  /** Each row's req/s divided by the best ceiling's req/s. */
  ratios: Record<string, number>;
}

/** Of several rounds of one target: the round with the median req/s, with the median CPU per request of all rounds. */
export function medianRow(rows: readonly Row[]): Row {
  if (rows.length === 0) throw new Error('medianRow needs at least one round');
  const byRate = [...rows].sort((a, b) => a.reqPerSec - b.reqPerSec);
  const cpu = rows.map((r) => r.cpuUsPerReq).filter((v): v is number => v !== undefined).sort((a, b) => a - b);
  return { ...byRate[Math.floor(byRate.length / 2)], cpuUsPerReq: cpu.length > 0 ? cpu[Math.floor(cpu.length / 2)] : undefined };
}

export const CEILING_PREFIX = 'ceiling: ';

export function withRatios(scenario: string, rows: Row[], machine: Results['machine'], date = new Date()): Results {
  const best = Math.max(0, ...rows.filter((r) => r.name.startsWith(CEILING_PREFIX)).map((r) => r.reqPerSec));
  const ratios = Object.fromEntries(rows.map((r) => [r.name, best > 0 ? Number((r.reqPerSec / best).toFixed(3)) : 0]));
  return { scenario, date: date.toISOString(), machine, rows, ratios };
}

export function formatTable(results: Results): string {
  const header = ['name', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'non-2xx', 'server CPU µs/req', 'vs best ceiling'];
  const lines = results.rows.map((r) => [
    r.name,
    r.reqPerSec.toFixed(0),
    r.p50Ms.toFixed(2),
    r.p95Ms.toFixed(2),
    r.p99Ms.toFixed(2),
    String(r.errors),
    String(r.non2xx),
    r.cpuUsPerReq === undefined ? '-' : r.cpuUsPerReq.toFixed(0),
    `${(results.ratios[r.name] * 100).toFixed(1)}%`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [fmt(header), `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...lines.map(fmt)].join('\n');
}
