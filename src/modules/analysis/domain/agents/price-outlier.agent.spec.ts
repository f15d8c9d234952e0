import { runAgent } from '../analysis-agent.js';
import { columnsFromRows, type ContractRowInput } from '../contract-columns.builder.js';
import { priceOutlierAgent } from './price-outlier.agent.js';

const MU = Math.log(800_000);
const SIGMA = 1.15;
let next = 0;
const contract = (category: string, lnAmount: number): ContractRowInput => ({
  id: `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`,
  agencyId: 'agency',
  supplierId: 'supplier',
  category,
  method: 'open',
  status: 'active',
  amountCents: Math.round(Math.exp(lnAmount)),
  signedAtMs: Date.UTC(2024, 0, 1),
});
/** 201 amounts spread evenly over mu +- 2.5 sigma: robust scale 1.85 sigma, no natural outlier. */
const natural = (category: string) => Array.from({ length: 201 }, (_, k) => contract(category, MU + SIGMA * (k / 40 - 2.5)));

/** The textbook robust z-score, by sorting: what the agent's histograms approximate. */
function exactRobustZ(amounts: number[], amount: number): number {
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  const lns = amounts.map(Math.log);
  const m = median(lns);
  return (Math.log(amount) - m) / (1.4826 * median(lns.map((x) => Math.abs(x - m))));
}

describe('price-outlier agent', () => {
  it('flags an amount far above its category and nothing else', () => {
    const planted = contract('food', MU + 15 * SIGMA);
    const columns = columnsFromRows([...natural('food'), planted, contract('food', MU + 6 * SIGMA)]);
    const findings = runAgent(priceOutlierAgent, columns);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ agent: 'price-outlier', contractId: planted.id, category: 'food', agencyId: 'agency', supplierId: 'supplier' });
    expect(findings[0].score).toBeCloseTo(exactRobustZ(Array.from(columns.amountCents), planted.amountCents), 1);
    expect(Math.abs((findings[0].evidence.categoryMedianCents as number) / 800_000 - 1)).toBeLessThan(0.05);
  });

  it('judges each amount against its own category', () => {
    // Normal for construction, absurd for food.
    const construction = natural('construction').map((c) => ({ ...c, amountCents: c.amountCents * 60_000 }));
    const findings = runAgent(priceOutlierAgent, columnsFromRows([...natural('food'), ...construction]));
    expect(findings).toEqual([]);
  });

  it('flags amounts far below too, and skips categories with too few contracts', () => {
    const low = contract('food', MU - 12 * SIGMA);
    const tiny = [contract('rare', MU), contract('rare', MU + 20 * SIGMA)];
    const findings = runAgent(priceOutlierAgent, columnsFromRows([...natural('food'), low, ...tiny]));
    expect(findings.map((f) => f.contractId)).toEqual([low.id]);
    expect(findings[0].evidence.robustZ).toBeLessThan(-5);
  });

  it('gives the same findings whatever the row ranges', () => {
    const columns = columnsFromRows([...natural('food'), contract('food', MU + 15 * SIGMA), ...natural('energy')]);
    const ranges = [0, 50, 300, columns.count];
    const partials = ranges.slice(1).map((to, k) => priceOutlierAgent.map(columns, ranges[k], to));
    expect(priceOutlierAgent.reduce(columns, partials)).toEqual(runAgent(priceOutlierAgent, columns));
  });
});
