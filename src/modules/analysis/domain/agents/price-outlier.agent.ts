import type { AnalysisAgent } from '../analysis-agent.js';
import type { ContractColumns } from '../contract-columns.js';
import type { Finding, Severity } from '../finding.js';
import { readUuid } from '../uuid-bytes.js';

/** Natural log-normal amounts pass |z| > 5 with probability ~6e-7: about one false alarm per 1.6M contracts. */
export const PRICE_OUTLIER_Z = 5;
/** Fewer contracts than this make the category's median and MAD too noisy to judge a price against. */
export const PRICE_OUTLIER_MIN_CATEGORY_CONTRACTS = 30;
/** MAD of a normal distribution times this is its standard deviation. */
const MAD_TO_SIGMA = 1.4826;
/** ln(amount in cents) histogram: [0, 36) covers 1 cent to EUR 4e13; 8192 bins are 0.0044 wide, ~0.3% of a typical category's MAD. */
const LN_MAX = 36;
const BINS = 8192;
const BIN_WIDTH = LN_MAX / BINS;

/** Per range: one histogram of ln(amount) per category, so medians and MADs reduce exactly across ranges (to a bin). */
export interface PriceOutlierPartial {
  histograms: Uint32Array;
}

interface CategoryStats {
  median: Float64Array;
  scale: Float64Array;
  contracts: Uint32Array;
}

/** ln of an amount, with amounts under one cent (zero) counted as one cent. */
const lnAmount = (cents: number) => (cents > 1 ? Math.log(cents) : 0);
const binOf = (ln: number) => (ln <= 0 ? 0 : ln >= LN_MAX ? BINS - 1 : (ln / BIN_WIDTH) | 0);

/** Value at rank `target` (0..n) of a histogram, interpolated linearly inside the bin. */
function quantile(histogram: Uint32Array, offset: number, target: number): number {
  let seen = 0;
  for (let b = 0; b < BINS; b++) {
    const c = histogram[offset + b];
    if (seen + c >= target && c > 0) return (b + (target - seen) / c) * BIN_WIDTH;
    seen += c;
  }
  return LN_MAX;
}

function categoryStats(histograms: Uint32Array, categories: number): CategoryStats {
  const stats: CategoryStats = { median: new Float64Array(categories), scale: new Float64Array(categories), contracts: new Uint32Array(categories) };
  const distances = new Uint32Array(BINS);
  for (let c = 0; c < categories; c++) {
    const offset = c * BINS;
    let n = 0;
    for (let b = 0; b < BINS; b++) n += histograms[offset + b];
    stats.contracts[c] = n;
    if (n < PRICE_OUTLIER_MIN_CATEGORY_CONTRACTS) continue;
    const median = quantile(histograms, offset, n / 2);
    distances.fill(0);
    for (let b = 0; b < BINS; b++) {
      const count = histograms[offset + b];
      if (count > 0) distances[binOf(Math.abs((b + 0.5) * BIN_WIDTH - median))] += count;
    }
    stats.median[c] = median;
    stats.scale[c] = MAD_TO_SIGMA * quantile(distances, 0, n / 2);
  }
  return stats;
}

function severity(z: number): Severity {
  return z >= 8 ? 'critical' : z >= 6 ? 'high' : 'medium';
}

/**
 * Robust z-score of ln(amount) within the contract's category: (ln(amount) - median) / (1.4826 MAD).
 * `reduce` makes a second pass over all rows: a row is judged against its category's global
 * statistics, known only once every range's histogram is in. Hot path: typed-array loops only.
 */
export const priceOutlierAgent: AnalysisAgent<PriceOutlierPartial> = {
  name: 'price-outlier',

  map(columns: ContractColumns, from: number, to: number): PriceOutlierPartial {
    const histograms = new Uint32Array(columns.categories.length * BINS);
    const { amountCents, category } = columns;
    for (let i = from; i < to; i++) histograms[category[i] * BINS + binOf(lnAmount(amountCents[i]))]++;
    return { histograms };
  },

  reduce(columns: ContractColumns, partials: readonly PriceOutlierPartial[]): Finding[] {
    const categories = columns.categories.length;
    const histograms = new Uint32Array(categories * BINS);
    for (const partial of partials) for (let k = 0; k < histograms.length; k++) histograms[k] += partial.histograms[k];
    const { median, scale, contracts } = categoryStats(histograms, categories);
    // |z| > 5 <=> amount outside [exp(median - 5 scale), exp(median + 5 scale)]: compare amounts, no log per row.
    const low = new Float64Array(categories).fill(-Infinity);
    const high = new Float64Array(categories).fill(Infinity);
    for (let c = 0; c < categories; c++) {
      if (scale[c] <= 0) continue;
      low[c] = Math.exp(median[c] - PRICE_OUTLIER_Z * scale[c]);
      high[c] = Math.exp(median[c] + PRICE_OUTLIER_Z * scale[c]);
    }
    const findings: Finding[] = [];
    const { amountCents, category } = columns;
    for (let i = 0; i < columns.count; i++) {
      const c = category[i];
      const amount = amountCents[i];
      if (amount <= high[c] && amount >= low[c]) continue;
      const z = (lnAmount(amount) - median[c]) / scale[c];
      const absZ = Math.abs(z);
      findings.push({
        agent: 'price-outlier',
        severity: severity(absZ),
        score: absZ,
        contractId: readUuid(columns.contractIds, 16 * i),
        agencyId: columns.agencyIds[columns.agency[i]],
        supplierId: columns.supplierIds[columns.supplier[i]],
        category: columns.categories[c],
        evidence: { robustZ: Number(z.toFixed(3)), amountCents: amount, categoryMedianCents: Math.round(Math.exp(median[c])), lnMad: Number((scale[c] / MAD_TO_SIGMA).toFixed(4)), categoryContracts: contracts[c] },
      });
    }
    return findings;
  },
};
