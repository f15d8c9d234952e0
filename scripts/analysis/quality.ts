import type { Client } from 'pg';
import type { AgentName, Finding } from '../../src/modules/analysis/index.js';

export type GroundTruthKind = 'price_outlier' | 'split_purchase' | 'supplier_concentration' | 'benford';

export interface GroundTruthEntry {
  kind: GroundTruthKind;
  contractId: string | null;
  supplierId: string | null;
  agencyId: string | null;
  category: string | null;
}

export interface AgentQuality {
  precision: number;
  recall: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

/** The planted kind each agent is designed to find. */
export const KIND_OF_AGENT: Readonly<Record<AgentName, GroundTruthKind>> = {
  'price-outlier': 'price_outlier',
  'split-purchase': 'split_purchase',
  'supplier-concentration': 'supplier_concentration',
  benford: 'benford',
};

type Subject = Pick<GroundTruthEntry, 'contractId' | 'supplierId' | 'agencyId' | 'category'>;

/** What a finding and a planted anomaly must share to match: the contract, the agency+category+supplier, or the supplier. */
export function matchKey(kind: GroundTruthKind, subject: Subject): string {
  switch (kind) {
    case 'price_outlier':
    case 'split_purchase':
      return `contract:${subject.contractId}`;
    case 'supplier_concentration':
      return `pair:${subject.agencyId}|${subject.category}|${subject.supplierId}`;
    case 'benford':
      return `supplier:${subject.supplierId}`;
  }
}

/** Precision and recall of one agent's findings against the planted anomalies of its kind (keys deduplicated). */
export function scoreAgent(agent: AgentName, findings: readonly Finding[], truth: readonly GroundTruthEntry[]): AgentQuality {
  const kind = KIND_OF_AGENT[agent];
  const planted = new Set(truth.filter((t) => t.kind === kind).map((t) => matchKey(kind, t)));
  const found = new Set(findings.map((f) => matchKey(kind, { contractId: f.contractId ?? null, supplierId: f.supplierId ?? null, agencyId: f.agencyId ?? null, category: f.category ?? null })));
  let truePositives = 0;
  for (const key of found) if (planted.has(key)) truePositives++;
  const falsePositives = found.size - truePositives;
  const falseNegatives = planted.size - truePositives;
  return {
    precision: found.size ? truePositives / found.size : 1,
    recall: planted.size ? truePositives / planted.size : 1,
    truePositives,
    falsePositives,
    falseNegatives,
  };
}

export async function readGroundTruth(client: Client): Promise<GroundTruthEntry[]> {
  const { rows } = await client.query<GroundTruthEntry>('SELECT kind, contract_id AS "contractId", supplier_id AS "supplierId", agency_id AS "agencyId", category FROM ground_truth');
  return rows;
}
