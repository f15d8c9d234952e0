import { bucketUpperMs, histogramQuantile, LATENCY_BUCKETS, latencyBucket, sortedQuantile } from './latency-histogram.js';

describe('latency histogram', () => {
  it('puts a duration in a bucket whose upper bound is at most 19% above it', () => {
    for (const ms of [0.0015, 0.05, 0.3, 1, 2.5, 10, 99, 1234, 60_000]) {
      const upper = bucketUpperMs(latencyBucket(ms));
      expect(upper).toBeGreaterThan(ms);
      expect(upper / ms).toBeLessThanOrEqual(1.19);
    }
  });

  it('keeps sub-microsecond and very long durations in the first and last buckets', () => {
    expect(latencyBucket(0)).toBe(0);
    expect(latencyBucket(0.0001)).toBe(0);
    expect(latencyBucket(10 * 60_000)).toBe(LATENCY_BUCKETS - 1);
  });

  it('reads quantiles off the counts as bucket upper bounds, null without counts', () => {
    const counts = new Uint32Array(LATENCY_BUCKETS);
    expect(histogramQuantile(counts, 0.5)).toBeNull();
    for (let i = 0; i < 95; i++) counts[latencyBucket(1)]++;
    for (let i = 0; i < 5; i++) counts[latencyBucket(50)]++;
    expect(histogramQuantile(counts, 0.5)).toBe(bucketUpperMs(latencyBucket(1)));
    expect(histogramQuantile(counts, 0.95)).toBe(bucketUpperMs(latencyBucket(1)));
    expect(histogramQuantile(counts, 0.96)).toBe(bucketUpperMs(latencyBucket(50)));
  });

  it('takes exact quantiles of sorted values by nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([sortedQuantile(values, 0.5), sortedQuantile(values, 0.95), sortedQuantile(values, 0.99), sortedQuantile([], 0.5)]).toEqual([50, 95, 99, null]);
  });
});
