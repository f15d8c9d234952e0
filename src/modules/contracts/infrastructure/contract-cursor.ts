import { cursorPart, decodeCheckedCursor, encodeCursor } from '../../../platform/database/index.js';
import type { ContractPosition } from '../domain/contract-filters.js';

/** Microseconds since the epoch of the instants a contract may be signed at (years 0001 to 9999). */
const SIGNED_MICROS = cursorPart.integer(-62_135_596_800_000_000n, 253_402_300_799_999_999n);

/** The contract list's cursor: the last row's signing instant in microseconds and its id. */
export const contractCursor = {
  encode: (position: ContractPosition): string => encodeCursor([position.signedAtMicros, position.id]),
  /** Throws InvalidCursorError for a cursor the list did not issue. */
  decode: (cursor: string): ContractPosition => {
    const [signedAtMicros, id] = decodeCheckedCursor(cursor, [SIGNED_MICROS, cursorPart.uuid]);
    return { signedAtMicros, id: id.toLowerCase() };
  },
};
