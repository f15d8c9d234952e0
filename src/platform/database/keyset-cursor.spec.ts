import { cursorPart, decodeCheckedCursor, decodeCursor, encodeCursor, InvalidCursorError } from './keyset-cursor.js';

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

describe('checked keyset cursor', () => {
  const uuid = 'a3f1c3de-1111-4222-8333-944444444444';

  it('decodes a cursor whose parts pass their checks', () => {
    expect(decodeCheckedCursor(encodeCursor(['-5', uuid]), [cursorPart.integer(), cursorPart.uuid])).toEqual(['-5', uuid]);
    expect(decodeCheckedCursor(encodeCursor(['2024-01-01T00:00:00.000Z', 'Ünïcode 🙂']), [cursorPart.instant, cursorPart.text])).toEqual(['2024-01-01T00:00:00.000Z', 'Ünïcode 🙂']);
  });

  it.each([
    ['an integer beyond int8', ['9223372036854775808', uuid], [cursorPart.integer(), cursorPart.uuid]],
    ['an integer beyond its range', ['11', uuid], [cursorPart.integer(0n, 10n), cursorPart.uuid]],
    ['an id that is no UUID', ['1', 'nope'], [cursorPart.integer(), cursorPart.uuid]],
    ['a time that is no toISOString instant', ['2024-02-30T00:00:00.000Z', uuid], [cursorPart.instant, cursorPart.uuid]],
    ['a NUL in text', ['a\u0000', uuid], [cursorPart.text, cursorPart.uuid]],
    ['an unpaired surrogate in text', ['a\ud800', uuid], [cursorPart.text, cursorPart.uuid]],
  ])('refuses %s with InvalidCursorError', (_label, parts, checks) => {
    expect(() => decodeCheckedCursor(encodeCursor(parts), checks)).toThrow(InvalidCursorError);
  });
});
