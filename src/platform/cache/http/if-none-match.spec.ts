import { ifNoneMatchHits } from './if-none-match.js';

const etag = '"abc"';

describe('ifNoneMatchHits (RFC 9110 weak comparison)', () => {
  it.each([
    ['"abc"', true],
    ['W/"abc"', true],
    ['"x", "abc"', true],
    ['"x",W/"abc" , "y"', true],
    ['*', true],
    ['"x", *', true],
    ['"abd"', false],
    ['abc', false],
    ['"x", "y"', false],
    ['', false],
  ])('%s -> %s', (header, expected) => {
    expect(ifNoneMatchHits(header, etag)).toBe(expected);
  });

  it('is false without the header', () => {
    expect(ifNoneMatchHits(undefined, etag)).toBe(false);
  });

  it('compares a weak current tag weakly too', () => {
    expect(ifNoneMatchHits('"abc"', 'W/"abc"')).toBe(true);
  });
});
