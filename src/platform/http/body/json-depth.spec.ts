import { nestsDeeperThan } from './json-depth.js';

describe('nestsDeeperThan', () => {
  const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

  it('counts nesting of arrays and objects, up to and past the limit', () => {
    expect(nestsDeeperThan(nested(32), 32)).toBe(false);
    expect(nestsDeeperThan(nested(33), 32)).toBe(true);
    expect(nestsDeeperThan(`{"a":${'{"b":'.repeat(40)}1${'}'.repeat(40)}}`, 32)).toBe(true);
    expect(nestsDeeperThan(`[${Array.from({ length: 100 }, () => '[1]').join(',')}]`, 32)).toBe(false);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(nestsDeeperThan(JSON.stringify({ a: '['.repeat(100), b: '"[[[', c: '\\', d: ['x'] }), 32)).toBe(false);
    expect(nestsDeeperThan(JSON.stringify({ a: 'say \\"[[[[', b: [[]] }), 2)).toBe(true);
    expect(nestsDeeperThan(`{"a":"${'[{'.repeat(50)}"}`, 32)).toBe(false);
  });

  it('leaves malformed text to the parser', () => {
    expect(nestsDeeperThan(`"${'['.repeat(100)}`, 32)).toBe(false);
    expect(nestsDeeperThan(Buffer.from(`{"é":${nested(40)}}`), 32)).toBe(true);
  });
});
