import type { AnalysisAgent } from '../analysis-agent.js';
import type { ContractColumns } from '../contract-columns.js';
import type { Finding, Severity } from '../finding.js';

/** Below 20 contracts a pair's top share is mostly chance (3 of 5 is 60%). */
export const CONCENTRATION_MIN_CONTRACTS = 20;
/** One supplier with 60%+ of an agency's contracts in a category: natural top shares stay far below (none reach 50% at 1M). */
export const CONCENTRATION_TOP_SHARE = 0.6;

/**
 * Per range: contract counts per (agency+category pair, supplier), as three parallel arrays
 * grouped by pair. At most one entry per row, usually far fewer.
 */
export interface SupplierConcentrationPartial {
  pairs: Uint32Array;
  suppliers: Uint32Array;
  counts: Uint32Array;
}

/**
 * Top supplier share (and HHI) of each agency+category pair with enough contracts.
 * Both phases count with a counting sort by pair and a dense per-supplier scratch array:
 * O(rows + pairs), no maps or per-row objects (hot path).
 */
export const supplierConcentrationAgent: AnalysisAgent<SupplierConcentrationPartial> = {
  name: 'supplier-concentration',

  map(columns: ContractColumns, from: number, to: number): SupplierConcentrationPartial {
    const categories = columns.categories.length;
    const n = to - from;
    const pairs = new Uint32Array(n);
    for (let k = 0; k < n; k++) pairs[k] = columns.agency[from + k] * categories + columns.category[from + k];
    const weights = new Uint32Array(n).fill(1);
    return countBySupplier(pairs, columns.supplier.subarray(from, to), weights, columns.agencyIds.length * categories, columns.supplierIds.length);
  },

  reduce(columns: ContractColumns, partials: readonly SupplierConcentrationPartial[]): Finding[] {
    const merged = partials.length === 1 ? partials[0] : countBySupplier(concat(partials.map((p) => p.pairs)), concat(partials.map((p) => p.suppliers)), concat(partials.map((p) => p.counts)), columns.agencyIds.length * columns.categories.length, columns.supplierIds.length);
    const categories = columns.categories.length;
    const findings: Finding[] = [];
    for (let start = 0; start < merged.pairs.length; ) {
      const pair = merged.pairs[start];
      let end = start;
      let total = 0;
      let top = start;
      while (end < merged.pairs.length && merged.pairs[end] === pair) {
        total += merged.counts[end];
        if (merged.counts[end] > merged.counts[top]) top = end;
        end++;
      }
      const share = merged.counts[top] / total;
      if (total >= CONCENTRATION_MIN_CONTRACTS && share >= CONCENTRATION_TOP_SHARE) {
        let hhi = 0;
        for (let k = start; k < end; k++) hhi += (merged.counts[k] / total) ** 2;
        findings.push({
          agent: 'supplier-concentration',
          severity: severity(share),
          score: share,
          agencyId: columns.agencyIds[Math.floor(pair / categories)],
          category: columns.categories[pair % categories],
          supplierId: columns.supplierIds[merged.suppliers[top]],
          evidence: { contracts: total, supplierContracts: merged.counts[top], share: Number(share.toFixed(4)), hhi: Math.round(hhi * 10_000), suppliers: end - start },
        });
      }
      start = end;
    }
    return findings;
  },
};

function severity(share: number): Severity {
  return share >= 0.9 ? 'critical' : share >= 0.75 ? 'high' : 'medium';
}

/** Sums `weights` per (pair, supplier); the result is grouped by pair in ascending order. */
function countBySupplier(pairs: Uint32Array, suppliers: Uint32Array, weights: Uint32Array, pairCount: number, supplierCount: number): SupplierConcentrationPartial {
  const starts = new Uint32Array(pairCount + 1);
  for (let k = 0; k < pairs.length; k++) starts[pairs[k] + 1]++;
  for (let p = 0; p < pairCount; p++) starts[p + 1] += starts[p];
  const order = new Uint32Array(pairs.length);
  const cursor = starts.slice(0, pairCount);
  for (let k = 0; k < pairs.length; k++) order[cursor[pairs[k]]++] = k;

  const outPairs = new Uint32Array(pairs.length);
  const outSuppliers = new Uint32Array(pairs.length);
  const outCounts = new Uint32Array(pairs.length);
  const scratch = new Uint32Array(supplierCount);
  let out = 0;
  for (let p = 0; p < pairCount; p++) {
    const first = out;
    for (let k = starts[p]; k < starts[p + 1]; k++) {
      const row = order[k];
      const s = suppliers[row];
      if (scratch[s] === 0) {
        outPairs[out] = p;
        outSuppliers[out++] = s;
      }
      scratch[s] += weights[row];
    }
    for (let k = first; k < out; k++) {
      outCounts[k] = scratch[outSuppliers[k]];
      scratch[outSuppliers[k]] = 0;
    }
  }
  return { pairs: outPairs.slice(0, out), suppliers: outSuppliers.slice(0, out), counts: outCounts.slice(0, out) };
}

function concat(arrays: Uint32Array[]): Uint32Array {
  const result = new Uint32Array(arrays.reduce((n, a) => n + a.length, 0));
  let offset = 0;
  for (const a of arrays) {
    result.set(a, offset);
    offset += a.length;
  }
  return result;
}
