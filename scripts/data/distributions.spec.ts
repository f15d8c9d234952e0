import { benfordShare, firstDigit, sampleCdf, zipfCdf } from './distributions.js';
import { withFirstDigitFrom5To9 } from './contracts.js';
import { Rng } from './prng.js';

describe('distributions', () => {
  it('zipf gives rank 1 twice the weight of rank 2 (s = 1)', () => {
    const cdf = zipfCdf(1000, 1);
    const first = cdf[0];
    const second = cdf[1] - cdf[0];
    expect(first / second).toBeCloseTo(2, 6);
    expect(cdf[999]).toBeCloseTo(1, 12);
  });

  it('samples indexes in proportion to their weight', () => {
    const cdf = zipfCdf(10, 1);
    const rng = new Rng(5);
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 50_000; i++) counts[sampleCdf(cdf, rng.next())]++;
    expect(counts[0] / counts[9]).toBeGreaterThan(8);
    expect(counts[0] / counts[9]).toBeLessThan(12);
  });

  it('reads first digits and knows Benford shares', () => {
    expect([1234, 9, 50_000, 700.5].map(firstDigit)).toEqual([1, 9, 5, 7]);
    expect(benfordShare(1)).toBeCloseTo(0.30103, 5);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].reduce((s, d) => s + benfordShare(d), 0)).toBeCloseTo(1, 10);
  });

  it('moves a first digit into 5..9 while staying within one order of magnitude', () => {
    const rng = new Rng(11);
    for (let i = 0; i < 2000; i++) {
      const amount = Math.round(Math.exp(10 + 5 * rng.next()));
      const moved = withFirstDigitFrom5To9(amount, rng);
      expect(firstDigit(moved)).toBeGreaterThanOrEqual(5);
      expect(Math.abs(Math.log10(moved / amount))).toBeLessThan(1);
    }
  });
});
