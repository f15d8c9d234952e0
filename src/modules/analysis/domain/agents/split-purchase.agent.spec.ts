import { runAgent } from '../analysis-agent.js';
import { columnsFromRows, type ContractRowInput } from '../contract-columns.builder.js';
import { splitPurchaseAgent } from './split-purchase.agent.js';

const DAY = 86_400_000;
const START = Date.UTC(2024, 2, 1);
let next = 0;
const contract = (agencyId: string, supplierId: string, euros: number, day: number, method = 'direct_award'): ContractRowInput => ({
  id: `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`,
  agencyId,
  supplierId,
  category: 'cleaning',
  method,
  status: 'completed',
  amountCents: euros * 100,
  signedAtMs: START + day * DAY,
});

describe('split-purchase agent', () => {
  it('flags every piece of 3 direct awards just under EUR 15,000 within 30 days', () => {
    const pieces = [contract('a', 's', 14_200, 0), contract('a', 's', 14_900, 12), contract('a', 's', 13_600, 29)];
    const findings = runAgent(splitPurchaseAgent, columnsFromRows([contract('a', 's', 3_000, 5), ...pieces, contract('a', 's', 14_500, 200)]));
    expect(findings.map((f) => f.contractId).sort()).toEqual(pieces.map((p) => p.id).sort());
    expect(findings[0]).toMatchObject({ agent: 'split-purchase', agencyId: 'a', supplierId: 's', score: 3, severity: 'high' });
    expect(findings[0].evidence).toMatchObject({ clusterContracts: 3, clusterTotalCents: 4_270_000, spanDays: 29 });
  });

  it('ignores near-threshold awards that are too few, too far apart, tendered, below the band, or split across suppliers', () => {
    const rows = [
      contract('a', 's1', 14_000, 0),
      contract('a', 's1', 14_000, 10),
      contract('b', 's2', 14_000, 0),
      contract('b', 's2', 14_000, 25),
      contract('b', 's2', 14_000, 50),
      contract('c', 's3', 14_000, 0, 'open'),
      contract('c', 's3', 14_000, 1, 'open'),
      contract('c', 's3', 14_000, 2, 'open'),
      contract('d', 's4', 12_000, 0),
      contract('d', 's4', 12_000, 1),
      contract('d', 's4', 12_000, 2),
      contract('e', 's5', 14_000, 0),
      contract('e', 's6', 14_000, 1),
      contract('e', 's7', 14_000, 2),
      contract('f', 's8', 15_000, 0),
      contract('f', 's8', 15_000, 1),
      contract('f', 's8', 15_000, 2),
    ];
    expect(runAgent(splitPurchaseAgent, columnsFromRows(rows))).toEqual([]);
  });

  it('gives the same findings whatever the row ranges', () => {
    const rows = [contract('a', 's', 14_200, 0), contract('b', 's', 14_000, 3), contract('a', 's', 14_900, 12), contract('a', 's', 13_800, 20), contract('a', 's', 14_100, 21)];
    const columns = columnsFromRows(rows);
    const partials = [splitPurchaseAgent.map(columns, 0, 2), splitPurchaseAgent.map(columns, 2, 5)];
    const findings = splitPurchaseAgent.reduce(columns, partials);
    expect(findings).toEqual(runAgent(splitPurchaseAgent, columns));
    expect(findings).toHaveLength(4);
  });
});
