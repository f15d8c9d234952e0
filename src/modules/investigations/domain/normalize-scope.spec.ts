import { InvalidInvestigationScopeError } from './investigation.errors.js';
import { normalizeScope } from './normalize-scope.js';
import { scopeKey } from './scope-key.js';

describe('normalizeScope', () => {
  it('widens dates to whole UTC days: from back to its midnight, to forward to the next', () => {
    expect(normalizeScope({ from: '2024-03-05T10:20:30.456Z', to: '2024-03-07T00:00:00.001Z' })).toEqual({ from: '2024-03-05T00:00:00.000Z', to: '2024-03-08T00:00:00.000Z' });
    expect(normalizeScope({ from: '2024-03-05T23:59:59+02:00', to: '2024-03-07' })).toEqual({ from: '2024-03-05T00:00:00.000Z', to: '2024-03-07T00:00:00.000Z' });
  });

  it('makes scopes that differ by a millisecond one key', () => {
    const keys = new Set(Array.from({ length: 40 }, (_, i) => scopeKey(normalizeScope({ from: new Date(Date.UTC(2024, 0, 1, 12) + i).toISOString() }), ['benford'])));
    expect(keys.size).toBe(1);
  });

  it('lower-cases ids and keeps only the fields given', () => {
    expect(normalizeScope({ agencyId: 'A1B2C3D4-0000-4000-8000-00000000000A', category: 'it_services' })).toEqual({ agencyId: 'a1b2c3d4-0000-4000-8000-00000000000a', category: 'it_services' });
    expect(normalizeScope({})).toEqual({});
  });

  it('refuses a from that is not before to, and dates that are not instants', () => {
    expect(() => normalizeScope({ from: '2024-01-02T00:00:00Z', to: '2024-01-01T00:00:00Z' })).toThrow(InvalidInvestigationScopeError);
    expect(() => normalizeScope({ from: '2024-01-01T00:00:00Z', to: '2024-01-01T00:00:00Z' })).toThrow('scope.from must be before scope.to');
    expect(() => normalizeScope({ from: '2024-W01-1' })).toThrow('scope.from is not a valid date');
  });
});
