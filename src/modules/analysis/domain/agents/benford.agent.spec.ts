import { runAgent } from '../analysis-agent.js';
import { columnsFromRows, type ContractRowInput } from '../contract-columns.builder.js';
import { benfordAgent } from './benford.agent.js';

let next = 0;
const contract = (supplierId: string, amountCents: number): ContractRowInput => ({
  id: `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`,
  agencyId: 'agency',
  supplierId,
  category: 'food',
  method: 'open',
  status: 'active',
  amountCents,
  signedAtMs: Date.UTC(2024, 0, 1),
});
/** Log-uniform over three decades: first digits follow Benford's law. */
const natural = (supplierId: string, count: number) => Array.from({ length: count }, (_, k) => contract(supplierId, Math.round(10 ** (4 + (3 * (k + 0.5)) / count))));
/** First digits 5..9 only, as a supplier inventing amounts might. */
const invented = (supplierId: string, count: number) => Array.from({ length: count }, (_, k) => contract(supplierId, (5 + (k % 5)) * 10_000 + 37 * k));

describe('benford agent', () => {
  it('flags a supplier whose amounts avoid low first digits', () => {
    const findings = runAgent(benfordAgent, columnsFromRows([...natural('honest', 120), ...invented('inventive', 80)]));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ agent: 'benford', supplierId: 'inventive', severity: 'high' });
    expect(findings[0].score).toBeCloseTo(0.155, 2);
    expect(findings[0].evidence).toMatchObject({ contracts: 80, observed: [0, 0, 0, 0, 16, 16, 16, 16, 16] });
  });

  it('does not flag Benford-like amounts nor suppliers with too few contracts', () => {
    expect(runAgent(benfordAgent, columnsFromRows([...natural('honest', 300), ...invented('new', 49)]))).toEqual([]);
  });

  it('gives the same findings whatever the row ranges', () => {
    const columns = columnsFromRows([...invented('inventive', 60), ...natural('honest', 100), ...invented('second', 70)]);
    const ranges = [0, 33, 120, columns.count];
    const partials = ranges.slice(1).map((to, k) => benfordAgent.map(columns, ranges[k], to));
    expect(benfordAgent.reduce(columns, partials)).toEqual(runAgent(benfordAgent, columns));
  });
});
