import { scopeKey } from './scope-key.js';

describe('scopeKey', () => {
  it('is the same for the same scope and agents written differently', () => {
    const a = scopeKey({ agencyId: 'A1B2C3D4-0000-4000-8000-000000000001', from: '2024-01-01' }, ['benford', 'price-outlier']);
    const b = scopeKey({ from: '2024-01-01T00:00:00Z', agencyId: 'a1b2c3d4-0000-4000-8000-000000000001' }, ['price-outlier', 'benford', 'benford']);
    expect(a).toBe(b);
  });

  it('differs when the scope or the agents differ', () => {
    const base = scopeKey({ category: 'it_services' }, ['benford']);
    expect(scopeKey({ category: 'construction' }, ['benford'])).not.toBe(base);
    expect(scopeKey({ category: 'it_services' }, ['benford', 'split-purchase'])).not.toBe(base);
  });
});
