import { ContractColumnsBuilder } from '../domain/contract-columns.builder.js';
import type { ContractColumns } from '../domain/contract-columns.js';

const TAB = 9;
const NEWLINE = 10;

/** The SELECT whose COPY text output `ContractCopyParser` reads, one column per field, in this order. */
export const CONTRACT_COLUMNS_SELECT =
  'SELECT id, agency_id, supplier_id, category, procurement_method, status, amount_cents, (extract(epoch FROM signed_at) * 1000)::bigint FROM contracts';

/**
 * Turns COPY ... TO STDOUT text chunks (split anywhere) into ContractColumns. Hot path: ids
 * are decoded from the bytes, numbers parsed in place; only the dictionary keys become strings.
 */
export class ContractCopyParser {
  private readonly builder: ContractColumnsBuilder;
  private carry: Buffer | null = null;
  private readonly fieldStarts = new Int32Array(9);

  constructor(expectedRows = 65_536) {
    this.builder = new ContractColumnsBuilder(expectedRows);
  }

  push(chunk: Buffer): void {
    const data = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    let lineStart = 0;
    for (let end = data.indexOf(NEWLINE, lineStart); end >= 0; end = data.indexOf(NEWLINE, lineStart)) {
      this.line(data, lineStart, end);
      lineStart = end + 1;
    }
    this.carry = lineStart < data.length ? Buffer.from(data.subarray(lineStart)) : null;
  }

  finish(): ContractColumns {
    if (this.carry) throw new Error('COPY output ended in the middle of a line');
    return this.builder.build();
  }

  private line(data: Buffer, start: number, end: number): void {
    const starts = this.fieldStarts;
    starts[0] = start;
    let field = 1;
    for (let k = start; k < end && field < 8; k++) if (data[k] === TAB) starts[field++] = k + 1;
    if (field !== 8) throw new Error(`COPY line has ${field} fields, expected 8`);
    starts[8] = end + 1;
    const text = (f: number) => data.toString('latin1', starts[f], starts[f + 1] - 1);
    this.builder.addFromText(data, starts[0], text(1), text(2), text(3), text(4), text(5), digits(data, starts[6], starts[7] - 1), digits(data, starts[7], end));
  }
}

function digits(data: Buffer, start: number, end: number): number {
  let negative = false;
  let k = start;
  if (data[k] === 45) {
    negative = true;
    k++;
  }
  let value = 0;
  for (; k < end; k++) value = value * 10 + (data[k] - 48);
  return negative ? -value : value;
}
