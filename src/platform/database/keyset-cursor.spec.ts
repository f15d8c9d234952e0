import { decodeCursor, encodeCursor } from './keyset-cursor.js';

describe('keyset cursor', () => {
  it('round-trips the sort key values', () => {
    const cursor = encodeCursor(['1700000000123456', 'a3f1c3de-1111-4222-8333-944444444444']);
    expect(cursor).toMatch(/^[\w-]+$/);
    expect(decodeCursor(cursor, 2)).toEqual(['1700000000123456', 'a3f1c3de-1111-4222-8333-944444444444']);
  });

  it.each([
    ['not base64url', '***'],
    ['not JSON', Buffer.from('nope').toString('base64url')],
    ['wrong arity', encodeCursor(['only-one'])],
    ['non-string parts', Buffer.from('[1,2]').toString('base64url')],
    ['too long', 'a'.repeat(600)],
  ])('rejects a cursor that is %s', (_label, cursor) => {
    expect(decodeCursor(cursor, 2)).toBeUndefined();
  });
});
