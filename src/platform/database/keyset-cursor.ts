import { AppError } from '../errors/index.js';

/**
 * Opaque keyset-pagination cursors: the sort-key values of the last row, base64url-encoded.
 * Decoding never throws; it returns undefined for anything this codec did not produce.
 */
export function encodeCursor(parts: readonly string[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): string[] | undefined {
  if (cursor.length > 512 || !/^[\w-]+$/.test(cursor)) return undefined;
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(parts) && parts.length === arity && parts.every((p) => typeof p === 'string') ? (parts as string[]) : undefined;
  } catch {
    return undefined;
  }
}

/** A cursor that this API did not issue (or that was altered). */
export class InvalidCursorError extends AppError {
  static readonly code = 'PAGINATION.INVALID_CURSOR';
  readonly code = InvalidCursorError.code;
  readonly kind = 'invalid' as const;

  constructor() {
    super('cursor is not a value returned as nextCursor by this endpoint');
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INTEGER = /^-?\d{1,19}$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const ISO_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * Checks of the parts of a cursor, so that a cursor a client made up fails as one (400), never
 * as a value Postgres refuses (a 500): each holds for every value of its column's type.
 */
export const cursorPart = {
  uuid: (part: string): boolean => UUID.test(part),
  /** An integer in min..max (an int8 range by default). */
  integer:
    (min = -(2n ** 63n), max = 2n ** 63n - 1n) =>
    (part: string): boolean =>
      INTEGER.test(part) && BigInt(part) >= min && BigInt(part) <= max,
  /** A `toISOString()` instant. */
  instant: (part: string): boolean => ISO_MILLIS.test(part) && new Date(part).toISOString() === part,
  /** Text Postgres accepts (no NUL, no unpaired surrogate). */
  text: (part: string): boolean => !part.includes('\u0000') && !LONE_SURROGATE.test(part),
};

/** Decodes a cursor whose parts must pass `checks` (one per part), or throws InvalidCursorError. */
export function decodeCheckedCursor(cursor: string, checks: readonly ((part: string) => boolean)[]): string[] {
  const parts = decodeCursor(cursor, checks.length);
  if (!parts || !parts.every((part, i) => checks[i](part))) throw new InvalidCursorError();
  return parts;
}
