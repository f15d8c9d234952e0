import type { AnalysisAgent } from '../analysis-agent.js';
import type { ContractColumns } from '../contract-columns.js';
import type { Finding } from '../finding.js';
import { readUuid } from '../uuid-bytes.js';

/** Direct awards are allowed below EUR 15,000: splitting a purchase into pieces under it avoids a tender. */
export const DIRECT_AWARD_THRESHOLD_CENTS = 1_500_000;
/** Pieces sized to dodge the threshold sit just under it: [90%, 100%) of it. */
export const SPLIT_BAND_LOW_CENTS = 0.9 * DIRECT_AWARD_THRESHOLD_CENTS;
/** Three pieces is the smallest pattern that is hard to explain as two unrelated purchases. */
export const SPLIT_MIN_CONTRACTS = 3;
/** One purchase split up is signed within about a month. */
export const SPLIT_WINDOW_MS = 30 * 86_400_000;
const DIRECT_AWARD = 'direct_award';

/** Per range: the rows that could be a piece (direct award, amount in the band); a small fraction of all rows. */
export interface SplitPurchasePartial {
  candidates: Uint32Array;
}

/**
 * Same agency and supplier, 3+ direct awards in [90%, 100%) of the threshold within 30 days.
 * `map` filters in one typed-array pass; `reduce` groups the few candidates by agency+supplier
 * and slides a 30-day window over each group's signing times.
 */
export const splitPurchaseAgent: AnalysisAgent<SplitPurchasePartial> = {
  name: 'split-purchase',

  map(columns: ContractColumns, from: number, to: number): SplitPurchasePartial {
    const directAward = columns.methods.indexOf(DIRECT_AWARD);
    if (directAward < 0) return { candidates: new Uint32Array(0) };
    const { amountCents, method } = columns;
    let found = new Uint32Array(64);
    let n = 0;
    for (let i = from; i < to; i++) {
      const amount = amountCents[i];
      if (amount >= SPLIT_BAND_LOW_CENTS && amount < DIRECT_AWARD_THRESHOLD_CENTS && method[i] === directAward) {
        if (n === found.length) {
          const grown = new Uint32Array(n * 2);
          grown.set(found);
          found = grown;
        }
        found[n++] = i;
      }
    }
    return { candidates: found.slice(0, n) };
  },

  reduce(columns: ContractColumns, partials: readonly SplitPurchasePartial[]): Finding[] {
    const { agency, supplier, signedAtMs } = columns;
    const rows: number[] = [];
    for (const partial of partials) for (const i of partial.candidates) rows.push(i);
    rows.sort((a, b) => agency[a] - agency[b] || supplier[a] - supplier[b] || signedAtMs[a] - signedAtMs[b]);

    const flagged = new Uint8Array(rows.length);
    for (let start = 0, left = 0, right = 0; right < rows.length; right++) {
      const r = rows[right];
      if (agency[r] !== agency[rows[start]] || supplier[r] !== supplier[rows[start]]) start = left = right;
      while (signedAtMs[r] - signedAtMs[rows[left]] > SPLIT_WINDOW_MS) left++;
      if (right - left + 1 >= SPLIT_MIN_CONTRACTS) flagged.fill(1, left, right + 1);
    }

    const findings: Finding[] = [];
    for (let k = 0; k < rows.length; ) {
      if (!flagged[k]) {
        k++;
        continue;
      }
      let end = k + 1;
      while (end < rows.length && flagged[end] && agency[rows[end]] === agency[rows[k]] && supplier[rows[end]] === supplier[rows[k]] && signedAtMs[rows[end]] - signedAtMs[rows[end - 1]] <= SPLIT_WINDOW_MS) end++;
      findings.push(...clusterFindings(columns, rows.slice(k, end)));
      k = end;
    }
    return findings;
  },
};

/** One finding per piece of a flagged cluster (flagged candidates of one agency+supplier, no gap over the window). */
function clusterFindings(columns: ContractColumns, cluster: number[]): Finding[] {
  const first = cluster[0];
  let totalCents = 0;
  for (const i of cluster) totalCents += columns.amountCents[i];
  const spanDays = (columns.signedAtMs[cluster[cluster.length - 1]] - columns.signedAtMs[first]) / 86_400_000;
  const contractIds = cluster.map((i) => readUuid(columns.contractIds, 16 * i));
  return cluster.map((i, k) => ({
    agent: 'split-purchase' as const,
    severity: cluster.length >= 5 ? ('critical' as const) : ('high' as const),
    score: cluster.length,
    contractId: contractIds[k],
    agencyId: columns.agencyIds[columns.agency[first]],
    supplierId: columns.supplierIds[columns.supplier[first]],
    category: columns.categories[columns.category[i]],
    evidence: { amountCents: columns.amountCents[i], thresholdCents: DIRECT_AWARD_THRESHOLD_CENTS, clusterContracts: cluster.length, clusterTotalCents: totalCents, spanDays: Number(spanDays.toFixed(1)), contractIds },
  }));
}
