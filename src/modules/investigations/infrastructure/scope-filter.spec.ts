import { scopeCondition } from './scope-filter.js';

const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

describe('scopeCondition', () => {
  it('narrows by every field given, dates as UTC instants, and always leaves cancelled contracts out', () => {
    expect(scopeCondition({ agencyId: 'a1b2c3d4-0000-4000-8000-000000000001', category: 'it_services', from: '2024-01-01', to: '2024-07-01T00:00:00+02:00' }, literal)).toBe(
      "status <> 'cancelled' AND agency_id = 'a1b2c3d4-0000-4000-8000-000000000001'::uuid AND category = 'it_services' AND signed_at >= '2024-01-01T00:00:00.000Z'::timestamptz AND signed_at < '2024-06-30T22:00:00.000Z'::timestamptz",
    );
  });

  it('escapes every value it writes', () => {
    expect(scopeCondition({ category: "x' OR 1=1 --" }, literal)).toContain("category = 'x'' OR 1=1 --'");
  });

  it('is only the status condition for an empty scope', () => {
    expect(scopeCondition({}, literal)).toBe("status <> 'cancelled'");
  });
});
