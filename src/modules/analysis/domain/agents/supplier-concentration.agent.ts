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
    const { agency, category, supplier } = columns;
    const categories = columns.categories.length;
    const starts = new Uint32Array(columns.agencyIds.length * categories + 1);
    for (let i = from; i < to; i++) starts[agency[i] * categories + category[i] + 1]++;
    const cursor = prefixSums(starts);
    const suppliersByPair = new Uint32Array(to - from);
    for (let i = from; i < to; i++) suppliersByPair[cursor[agency[i] * categories + category[i]]++] = supplier[i];
    return tally(starts, suppliersByPair, null, columns.supplierIds.length);
  },

  reduce(columns: ContractColumns, partials: readonly SupplierConcentrationPartial[]): Finding[] {
    const merged = partials.length === 1 ? partials[0] : merge(partials, columns.agencyIds.length * columns.categories.length, columns.supplierIds.length);
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

/** Turns per-pair counts (shifted by one) into start offsets in place; returns a copy to use as write cursors. */
function prefixSums(starts: Uint32Array): Uint32Array {
  for (let p = 1; p < starts.length; p++) starts[p] += starts[p - 1];
  return starts.slice(0, starts.length - 1);
}

/**
 * Counts per (pair, supplier) from suppliers laid out pair by pair (pair p at [starts[p], starts[p+1])),
 * each weighing 1 or its `weights` entry; the result is grouped by pair in ascending order.
 */
function tally(starts: Uint32Array, suppliers: Uint32Array, weights: Uint32Array | null, supplierCount: number): SupplierConcentrationPartial {
  const outPairs = new Uint32Array(suppliers.length);
  const outSuppliers = new Uint32Array(suppliers.length);
  const outCounts = new Uint32Array(suppliers.length);
  const scratch = new Uint32Array(supplierCount);
  let out = 0;
  for (let p = 0; p + 1 < starts.length; p++) {
    const first = out;
    const end = starts[p + 1];
    for (let k = starts[p]; k < end; k++) {
      const s = suppliers[k];
      if (scratch[s] === 0) {
        outPairs[out] = p;
        outSuppliers[out++] = s;
      }
      scratch[s] += weights === null ? 1 : weights[k];
    }
    for (let k = first; k < out; k++) {
      outCounts[k] = scratch[outSuppliers[k]];
      scratch[outSuppliers[k]] = 0;
    }
  }
  return { pairs: outPairs.slice(0, out), suppliers: outSuppliers.slice(0, out), counts: outCounts.slice(0, out) };
}

/** Adds up the partials of several ranges (a supplier may appear in each). */
function merge(partials: readonly SupplierConcentrationPartial[], pairCount: number, supplierCount: number): SupplierConcentrationPartial {
  const starts = new Uint32Array(pairCount + 1);
  for (const partial of partials) for (const p of partial.pairs) starts[p + 1]++;
  const cursor = prefixSums(starts);
  const suppliers = new Uint32Array(starts[pairCount]);
  const weights = new Uint32Array(starts[pairCount]);
  for (const partial of partials) {
    for (let k = 0; k < partial.pairs.length; k++) {
      const at = cursor[partial.pairs[k]]++;
      suppliers[at] = partial.suppliers[k];
      weights[at] = partial.counts[k];
    }
  }
  return tally(starts, suppliers, weights, supplierCount);
}
