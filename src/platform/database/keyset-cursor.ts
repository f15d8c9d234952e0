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
