import { cursorPart, decodeCheckedCursor, encodeCursor } from '../../../platform/database/index.js';

/** The agency list's cursor: the last row's name and id. */
export const agencyCursor = {
  encode: (name: string, id: string): string => encodeCursor([name, id]),
  /** Throws InvalidCursorError for a cursor the list did not issue. */
  decode: (cursor: string): { name: string; id: string } => {
    const [name, id] = decodeCheckedCursor(cursor, [cursorPart.text, cursorPart.uuid]);
    return { name, id: id.toLowerCase() };
  },
};
