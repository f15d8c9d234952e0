export interface WarmerProgress {
  name: string;
  done: number;
  total: number;
  error?: string;
}

/**
 * Overall progress of a warming run, 0..100: each warmer weighs the same, a finished one
 * (or one that failed) counts whole, one that has not reported a total yet counts nothing.
 */
export function warmPercent(warmers: readonly WarmerProgress[], finished: number): number {
  if (warmers.length === 0) return 100;
  let sum = 0;
  for (const [i, w] of warmers.entries()) sum += i < finished ? 1 : w.total > 0 ? Math.min(1, w.done / w.total) : 0;
  return Math.floor((100 * sum) / warmers.length);
}
