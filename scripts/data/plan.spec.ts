import { buildPlan } from './plan.js';

describe('buildPlan', () => {
  it('is the same plan for the same seed', () => {
    const a = buildPlan({ contracts: 50_000, seed: 1 });
    const b = buildPlan({ contracts: 50_000, seed: 1 });
    expect(a.agencies.map((x) => x.id)).toEqual(b.agencies.map((x) => x.id));
    expect([...a.benfordSuppliers]).toEqual([...b.benfordSuppliers]);
    expect(buildPlan({ contracts: 50_000, seed: 2 }).agencies[0].id).not.toBe(a.agencies[0].id);
  });

  it('scales entities with the data set and keeps anomaly targets apart', () => {
    const plan = buildPlan({ contracts: 1_000_000, seed: 42 });
    expect(plan.agencies).toHaveLength(200);
    expect(plan.suppliers).toHaveLength(20_000);
    expect(plan.concentration).toHaveLength(10);
    expect(plan.benfordSuppliers.size).toBe(10);
    const dominant = new Set(plan.concentration.map((t) => t.supplier));
    for (const s of plan.benfordSuppliers) expect(dominant.has(s)).toBe(false);
    expect(plan.splitGroups).toBe(200);
  });

  it('makes agencies of very different sizes', () => {
    const { agencyCdf } = buildPlan({ contracts: 1_000_000, seed: 42 });
    const share = (i: number) => agencyCdf[i] - (i ? agencyCdf[i - 1] : 0);
    expect(share(0) / share(99)).toBeGreaterThan(100);
  });
});
