import { runAgent } from '../analysis-agent.js';
import { columnsFromRows, type ContractRowInput } from '../contract-columns.builder.js';
import { supplierConcentrationAgent } from './supplier-concentration.agent.js';

let next = 0;
const contract = (agencyId: string, category: string, supplierId: string): ContractRowInput => ({
  id: `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`,
  agencyId,
  supplierId,
  category,
  method: 'open',
  status: 'active',
  amountCents: 100_000,
  signedAtMs: Date.UTC(2024, 0, 1),
});
const many = (count: number, make: (k: number) => ContractRowInput) => Array.from({ length: count }, (_, k) => make(k));

describe('supplier-concentration agent', () => {
  const dominated = [...many(24, () => contract('a', 'food', 'favourite')), ...many(6, (k) => contract('a', 'food', `other-${k}`))];
  const competitive = many(40, (k) => contract('b', 'food', `s-${k % 10}`));
  const small = many(10, () => contract('c', 'food', 'only'));
  // The favourite wins elsewhere too, but in other pairs it is one of many.
  const elsewhere = many(30, (k) => contract('a', 'energy', k % 5 === 0 ? 'favourite' : `e-${k % 5}`));

  it('flags the pair one supplier dominates, naming agency, category and supplier', () => {
    const findings = runAgent(supplierConcentrationAgent, columnsFromRows([...competitive, ...dominated, ...small, ...elsewhere]));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ agent: 'supplier-concentration', agencyId: 'a', category: 'food', supplierId: 'favourite', score: 0.8, severity: 'high' });
    expect(findings[0].evidence).toMatchObject({ contracts: 30, supplierContracts: 24, share: 0.8, suppliers: 7, hhi: Math.round((0.8 ** 2 + 6 / 30 ** 2) * 10_000) });
  });

  it('does not flag competitive pairs or pairs with too few contracts', () => {
    expect(runAgent(supplierConcentrationAgent, columnsFromRows([...competitive, ...small, ...elsewhere]))).toEqual([]);
  });

  it('gives the same findings whatever the row ranges', () => {
    const columns = columnsFromRows([...dominated, ...competitive, ...elsewhere]);
    const ranges = [0, 7, 31, 60, columns.count];
    const partials = ranges.slice(1).map((to, k) => supplierConcentrationAgent.map(columns, ranges[k], to));
    expect(supplierConcentrationAgent.reduce(columns, partials)).toEqual(runAgent(supplierConcentrationAgent, columns));
  });
});
