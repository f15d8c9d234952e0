import type { Finding } from '../../src/modules/analysis/index.js';
import { scoreAgent, type GroundTruthEntry } from './quality.js';

const truth = (kind: GroundTruthEntry['kind'], fields: Partial<GroundTruthEntry>): GroundTruthEntry => ({ kind, contractId: null, supplierId: null, agencyId: null, category: null, ...fields });
const finding = (agent: Finding['agent'], fields: Partial<Finding>): Finding => ({ agent, severity: 'high', score: 1, evidence: {}, ...fields });

describe('scoreAgent', () => {
  it('matches contract-level kinds by contract id, counting each contract once', () => {
    const planted = [truth('price_outlier', { contractId: 'c1' }), truth('price_outlier', { contractId: 'c2' }), truth('split_purchase', { contractId: 'c3' })];
    const found = [finding('price-outlier', { contractId: 'c1' }), finding('price-outlier', { contractId: 'c1' }), finding('price-outlier', { contractId: 'c3' })];
    expect(scoreAgent('price-outlier', found, planted)).toEqual({ precision: 0.5, recall: 0.5, truePositives: 1, falsePositives: 1, falseNegatives: 1 });
  });

  it('matches concentration by agency, category and supplier, and Benford by supplier', () => {
    const planted = [truth('supplier_concentration', { agencyId: 'a', category: 'food', supplierId: 's' }), truth('benford', { supplierId: 's' })];
    expect(scoreAgent('supplier-concentration', [finding('supplier-concentration', { agencyId: 'a', category: 'food', supplierId: 's' })], planted).truePositives).toBe(1);
    expect(scoreAgent('supplier-concentration', [finding('supplier-concentration', { agencyId: 'a', category: 'energy', supplierId: 's' })], planted)).toMatchObject({ truePositives: 0, falsePositives: 1, falseNegatives: 1 });
    expect(scoreAgent('benford', [finding('benford', { supplierId: 's' })], planted)).toMatchObject({ precision: 1, recall: 1 });
  });

  it('treats no findings as precise and nothing planted as fully recalled', () => {
    expect(scoreAgent('benford', [], [truth('benford', { supplierId: 's' })])).toMatchObject({ precision: 1, recall: 0 });
    expect(scoreAgent('benford', [finding('benford', { supplierId: 's' })], [])).toMatchObject({ precision: 0, recall: 1 });
  });
});
