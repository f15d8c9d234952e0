const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Whether `bytes` holds at most `limit` opening brackets (strings included): then it cannot nest deeper. Native searches, no per-byte loop. */
function fewBrackets(bytes: Buffer, limit: number): boolean {
  let count = 0;
  for (const bracket of [OPEN_OBJECT, OPEN_ARRAY]) {
    for (let i = bytes.indexOf(bracket); i !== -1; i = bytes.indexOf(bracket, i + 1)) if (++count > limit) return false;
  }
  return true;
}

/**
 * Whether the JSON text in `body` nests objects and arrays deeper than `maxDepth`, found before
 * it is parsed: brackets inside strings do not count. UTF-8 never uses these ASCII bytes inside
 * a multi-byte character, so bytes can be read as they come. Malformed text is left to the
 * parser. A body with few brackets is answered by native searches alone (the common case).
 */
export function nestsDeeperThan(body: Buffer | string, maxDepth: number): boolean {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  if (bytes.length <= maxDepth || fewBrackets(bytes, maxDepth)) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      if (++depth > maxDepth) return true;
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      depth--;
    }
  }
  return false;
}
