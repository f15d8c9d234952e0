import type { Rng } from './prng.js';

/** Cumulative weights of a Zipf law over ranks 1..n with exponent s. */
export function zipfCdf(n: number, s: number): Float64Array {
  const cdf = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += 1 / Math.pow(i + 1, s);
    cdf[i] = total;
  }
  for (let i = 0; i < n; i++) cdf[i] /= total;
  return cdf;
}

/** Cumulative weights normalised from arbitrary non-negative weights. */
export function cdfOf(weights: readonly number[]): Float64Array {
  const cdf = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((w, i) => {
    total += w;
    cdf[i] = total;
  });
  for (let i = 0; i < cdf.length; i++) cdf[i] /= total;
  return cdf;
}

/** Index drawn from a cumulative distribution (binary search). */
export function sampleCdf(cdf: Float64Array, u: number): number {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid] > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function logNormal(rng: Rng, mu: number, sigma: number): number {
  return Math.exp(mu + sigma * rng.normal());
}

/** First significant digit of a positive number. */
export function firstDigit(value: number): number {
  return Number(String(Math.floor(Math.abs(value))).replace(/^0+/, '')[0] ?? 0);
}

/** Benford's expected share of first digit d (1..9). */
export function benfordShare(d: number): number {
  return Math.log10(1 + 1 / d);
}
