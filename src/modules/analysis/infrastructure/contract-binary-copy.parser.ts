import { ContractColumnsBuilder } from '../domain/contract-columns.builder.js';
import type { ContractColumns } from '../domain/contract-columns.js';
import { readUuid } from '../domain/uuid-bytes.js';
import { ByteKeyDictionary } from './byte-key.dictionary.js';

/** The SELECT whose binary COPY output the parser reads, one column per field, in this order. */
export const CONTRACT_COLUMNS_SELECT = 'SELECT id, agency_id, supplier_id, category, procurement_method, status, amount_cents, signed_at FROM contracts';
const FIELDS = 8;
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const HEADER = SIGNATURE.length + 8;
/** timestamptz travels as microseconds since 2000-01-01 UTC. */
const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
const TWO_32 = 4_294_967_296;
const utf8 = new TextDecoder();

const int32 = (d: Uint8Array, p: number) => (d[p] << 24) | (d[p + 1] << 16) | (d[p + 2] << 8) | d[p + 3];
const uint32 = (d: Uint8Array, p: number) => int32(d, p) >>> 0;
/** Exact up to 2^53, which covers cents and microseconds. */
const int64 = (d: Uint8Array, p: number) => int32(d, p) * TWO_32 + uint32(d, p + 4);

/**
 * Turns `COPY (CONTRACT_COLUMNS_SELECT) TO STDOUT (FORMAT binary)` chunks, split anywhere, into
 * ContractColumns. Hot path: ids copied as bytes, numbers read in place, dictionary keys
 * resolved from bytes; a string is made only for a key seen the first time.
 */
export class ContractBinaryCopyParser {
  private readonly builder: ContractColumnsBuilder;
  private readonly agencies = new ByteKeyDictionary(readUuid);
  private readonly suppliers = new ByteKeyDictionary(readUuid);
  private readonly categories = new ByteKeyDictionary(text);
  private readonly methods = new ByteKeyDictionary(text);
  private readonly statuses = new ByteKeyDictionary(text);
  private readonly starts = new Int32Array(FIELDS);
  private carry: Buffer | null = null;
  private headerRead = false;
  private ended = false;

  constructor(expectedRows = 65_536) {
    this.builder = new ContractColumnsBuilder(expectedRows);
  }

  push(chunk: Buffer): void {
    const data = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    let pos = this.headerRead ? 0 : this.header(data);
    if (pos < 0) pos = 0;
    while (this.headerRead && !this.ended && pos + 2 <= data.length) {
      const next = this.tuple(data, pos);
      if (next < 0) break;
      pos = next;
    }
    this.carry = pos < data.length ? Buffer.from(data.subarray(pos)) : null;
  }

  finish(): ContractColumns {
    if (!this.ended || this.carry) throw new Error('COPY output ended before its trailer');
    return this.builder.build({ agencyIds: this.agencies.values, supplierIds: this.suppliers.values, categories: this.categories.values, methods: this.methods.values, statuses: this.statuses.values });
  }

  /** Position after the header, or -1 when it has not fully arrived. */
  private header(data: Buffer): number {
    if (data.length < HEADER) return -1;
    if (!data.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new Error('not binary COPY output');
    const end = HEADER + int32(data, HEADER - 4);
    if (data.length < end) return -1;
    this.headerRead = true;
    return end;
  }

  /** Position after the tuple at `pos`, or -1 when it has not fully arrived. */
  private tuple(data: Buffer, pos: number): number {
    const fields = (data[pos] << 8) | data[pos + 1];
    if (fields === 0xffff) {
      this.ended = true;
      return pos + 2;
    }
    if (fields !== FIELDS) throw new Error(`COPY tuple has ${fields} fields, expected ${FIELDS}`);
    const starts = this.starts;
    let p = pos + 2;
    for (let f = 0; f < FIELDS; f++) {
      if (p + 4 > data.length) return -1;
      const length = int32(data, p);
      if (length < 0) throw new Error(`COPY field ${f} is NULL`);
      starts[f] = p + 4;
      p += 4 + length;
    }
    if (p > data.length) return -1;
    this.builder.addEncoded(
      data,
      starts[0],
      this.agencies.index(data, starts[1], starts[2] - 4 - starts[1]),
      this.suppliers.index(data, starts[2], starts[3] - 4 - starts[2]),
      this.categories.index(data, starts[3], starts[4] - 4 - starts[3]),
      this.methods.index(data, starts[4], starts[5] - 4 - starts[4]),
      this.statuses.index(data, starts[5], starts[6] - 4 - starts[5]),
      int64(data, starts[6]),
      int64(data, starts[7]) / 1000 + PG_EPOCH_MS,
    );
    return p;
  }
}

function text(source: Uint8Array, start: number, length: number): string {
  return utf8.decode(source.subarray(start, start + length));
}
