const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  throw new Error(`not a hex digit: ${String.fromCharCode(code)}`);
}

/** Writes the 16 bytes of a canonical UUID string (8-4-4-4-12 hex digits) at `offset`. */
export function writeUuidBytes(uuid: string, target: Uint8Array, offset: number): void {
  if (uuid.length !== 36) throw new Error(`not a UUID: ${uuid}`);
  let byte = 0;
  for (let i = 0; i < 36; i++) {
    if (i === 8 || i === 13 || i === 18 || i === 23) continue;
    target[offset + byte] = (hexValue(uuid.charCodeAt(i)) << 4) | hexValue(uuid.charCodeAt(i + 1));
    byte++;
    i++;
  }
}

/** The canonical lower-case string of the 16 UUID bytes at `offset`. */
export function readUuid(source: Uint8Array, offset: number): string {
  const h = (k: number) => HEX[source[offset + k]];
  return `${h(0)}${h(1)}${h(2)}${h(3)}-${h(4)}${h(5)}-${h(6)}${h(7)}-${h(8)}${h(9)}-${h(10)}${h(11)}${h(12)}${h(13)}${h(14)}${h(15)}`;
}

