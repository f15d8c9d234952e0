const EMPTY = -1;

/**
 * Dense indexes for byte-string keys (UUIDs, short texts) read straight from a buffer: an
 * open-addressing table over FNV-1a hashes, so a key already seen costs no string and no Map.
 * `decode` turns a key into its string once, when first seen. Hot path of the loader.
 */
export class ByteKeyDictionary {
  readonly values: string[] = [];
  private keys = new Uint8Array(1024);
  private keyStart = new Int32Array(64);
  private keyLength = new Int32Array(64);
  private keyBytes = 0;
  private table = new Int32Array(256).fill(EMPTY);

  constructor(private readonly decode: (source: Uint8Array, start: number, length: number) => string) {}

  index(source: Uint8Array, start: number, length: number): number {
    let hash = 0x811c9dc5;
    for (let k = 0; k < length; k++) hash = Math.imul(hash ^ source[start + k], 0x01000193);
    const mask = this.table.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.table[slot];
      if (entry === EMPTY) return this.insert(slot, source, start, length);
      if (this.keyLength[entry] === length && this.sameKey(entry, source, start, length)) return entry;
    }
  }

  private sameKey(entry: number, source: Uint8Array, start: number, length: number): boolean {
    const at = this.keyStart[entry];
    for (let k = 0; k < length; k++) if (this.keys[at + k] !== source[start + k]) return false;
    return true;
  }

  private insert(slot: number, source: Uint8Array, start: number, length: number): number {
    const entry = this.values.length;
    if (entry === this.keyStart.length) {
      this.keyStart = grown(this.keyStart, entry * 2);
      this.keyLength = grown(this.keyLength, entry * 2);
    }
    if (this.keyBytes + length > this.keys.length) {
      const keys = new Uint8Array(Math.max(this.keys.length * 2, this.keyBytes + length));
      keys.set(this.keys);
      this.keys = keys;
    }
    this.keys.set(source.subarray(start, start + length), this.keyBytes);
    this.keyStart[entry] = this.keyBytes;
    this.keyLength[entry] = length;
    this.keyBytes += length;
    this.values.push(this.decode(source, start, length));
    this.table[slot] = entry;
    if (2 * this.values.length > this.table.length) this.rehash();
    return entry;
  }

  /** Doubles the table, keeping it at most half full so probes stay short. */
  private rehash(): void {
    const table = new Int32Array(this.table.length * 2).fill(EMPTY);
    const mask = table.length - 1;
    for (let entry = 0; entry < this.values.length; entry++) {
      let hash = 0x811c9dc5;
      const at = this.keyStart[entry];
      for (let k = 0; k < this.keyLength[entry]; k++) hash = Math.imul(hash ^ this.keys[at + k], 0x01000193);
      let slot = hash & mask;
      while (table[slot] !== EMPTY) slot = (slot + 1) & mask;
      table[slot] = entry;
    }
    this.table = table;
  }
}

function grown(array: Int32Array, length: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(length);
  next.set(array);
  return next;
}
