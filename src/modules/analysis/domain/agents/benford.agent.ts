import type { AnalysisAgent } from '../analysis-agent.js';
import type { ContractColumns } from '../contract-columns.js';
import type { Finding } from '../finding.js';

/** Fewer amounts than this leave the nine digit shares too noisy (sampling MAD alone ~0.035 at 50). */
export const BENFORD_MIN_CONTRACTS = 50;
/** Natural suppliers stay under ~0.06 MAD at 1M contracts; amounts forced into first digits 5..9 reach ~0.155. */
export const BENFORD_MAD = 0.1;
/** P(first digit = d) = log10(1 + 1/d), d = 1..9. */
export const BENFORD_EXPECTED: readonly number[] = Array.from({ length: 9 }, (_, k) => Math.log10(1 + 1 / (k + 1)));

/** Per range: first-digit counts, 9 per supplier (supplier * 9 + digit - 1). */
export interface BenfordPartial {
  digits: Uint32Array;
}

const POWERS_OF_10 = Float64Array.from({ length: 16 }, (_, e) => 10 ** e);

/** Leading decimal digit of an amount (0 under 1): a binary search over powers of ten and one division. */
function firstDigit(amount: number): number {
  if (amount < 1) return 0;
  if (amount >= POWERS_OF_10[15]) return firstDigit(amount / POWERS_OF_10[15]);
  let low = 0;
  let high = 15;
  while (high - low > 1) {
    const mid = (low + high) >> 1;
    if (amount >= POWERS_OF_10[mid]) low = mid;
    else high = mid;
  }
  return (amount / POWERS_OF_10[low]) | 0;
}

/**
 * Mean absolute deviation of each supplier's first-digit shares from Benford's law, for
 * suppliers with enough amounts. Hot path: one typed-array pass, no allocation per row.
 */
export const benfordAgent: AnalysisAgent<BenfordPartial> = {
  name: 'benford',

  map(columns: ContractColumns, from: number, to: number): BenfordPartial {
    const digits = new Uint32Array(columns.supplierIds.length * 9);
    const { amountCents, supplier } = columns;
    for (let i = from; i < to; i++) {
      const d = firstDigit(amountCents[i]);
      if (d > 0) digits[supplier[i] * 9 + d - 1]++;
    }
    return { digits };
  },

  reduce(columns: ContractColumns, partials: readonly BenfordPartial[]): Finding[] {
    const digits = new Uint32Array(columns.supplierIds.length * 9);
    for (const partial of partials) for (let k = 0; k < digits.length; k++) digits[k] += partial.digits[k];
    const findings: Finding[] = [];
    for (let s = 0; s < columns.supplierIds.length; s++) {
      let n = 0;
      for (let d = 0; d < 9; d++) n += digits[s * 9 + d];
      if (n < BENFORD_MIN_CONTRACTS) continue;
      let deviation = 0;
      for (let d = 0; d < 9; d++) deviation += Math.abs(digits[s * 9 + d] / n - BENFORD_EXPECTED[d]);
      const mad = deviation / 9;
      if (mad <= BENFORD_MAD) continue;
      findings.push({
        agent: 'benford',
        severity: mad >= 0.15 ? 'high' : 'medium',
        score: mad,
        supplierId: columns.supplierIds[s],
        evidence: { contracts: n, mad: Number(mad.toFixed(4)), observed: Array.from(digits.subarray(s * 9, s * 9 + 9)), expectedShares: BENFORD_EXPECTED.map((p) => Number(p.toFixed(4))) },
      });
    }
    return findings;
  },
};
