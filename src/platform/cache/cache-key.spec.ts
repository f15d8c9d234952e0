import { cacheKey, stableStringify } from './cache-key.js';

describe('cache keys', () => {
  it('serializes objects the same whatever their key order, at every level', () => {
    expect(stableStringify({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[1,{"x":1,"y":2}]},"b":1}');
    expect(stableStringify({ a: undefined, b: null })).toBe('{"b":null}');
  });

  it('is <prefix>:<namespace>:<sha256> and stable across input order', () => {
    const key = cacheKey('hp:c', 'api', { q: { limit: '20', agency: 'x' }, r: '/contracts' });
    expect(key).toMatch(/^hp:c:api:[0-9a-f]{64}$/);
    expect(cacheKey('hp:c', 'api', { r: '/contracts', q: { agency: 'x', limit: '20' } })).toBe(key);
    expect(cacheKey('hp:c', 'api', { r: '/contracts', q: { agency: 'y', limit: '20' } })).not.toBe(key);
    expect(cacheKey('hp:c', 'db', { r: '/contracts', q: { agency: 'x', limit: '20' } })).not.toBe(key);
  });
});
