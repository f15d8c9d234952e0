/** Buckets per power of two: a bucket's upper bound is 19% above its lower one. */
const PER_OCTAVE = 4;
/** From 1 µs to 2^28 µs (about 4.5 minutes); longer durations fall in the last bucket. */
export const LATENCY_BUCKETS = 28 * PER_OCTAVE;

/** The bucket of a duration in milliseconds (log scale from 1 µs). */
export function latencyBucket(ms: number): number {
  const us = ms * 1000;
  if (us < 1) return 0;
  const bucket = Math.floor(Math.log2(us) * PER_OCTAVE);
  return bucket < LATENCY_BUCKETS ? bucket : LATENCY_BUCKETS - 1;
}

/** Upper bound of a bucket in milliseconds: quantiles read from buckets never understate. */
export function bucketUpperMs(bucket: number): number {
  return 2 ** ((bucket + 1) / PER_OCTAVE) / 1000;
}

/** The `q` quantile (0..1) of the counts, as the upper bound of its bucket; null without counts. */
export function histogramQuantile(counts: ArrayLike<number>, q: number): number | null {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i];
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i];
    if (seen >= rank) return bucketUpperMs(i);
  }
  return bucketUpperMs(counts.length - 1);
}

/** The `q` quantile of sorted values (nearest rank); null when empty. */
export function sortedQuantile(sorted: ArrayLike<number>, q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
