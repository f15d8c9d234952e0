import { cursorPart, decodeCheckedCursor, encodeCursor } from '../../../platform/database/index.js';

/** The investigation list's cursor: the last row's creation instant and id. */
export const investigationCursor = {
  encode: (createdAt: Date, id: string): string => encodeCursor([createdAt.toISOString(), id]),
  /** Throws InvalidCursorError for a cursor the list did not issue. */
  decode: (cursor: string): { createdAt: string; id: string } => {
    const [createdAt, id] = decodeCheckedCursor(cursor, [cursorPart.instant, cursorPart.uuid]);
    return { createdAt, id: id.toLowerCase() };
  },
};
