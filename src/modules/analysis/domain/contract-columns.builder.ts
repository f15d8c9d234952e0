import type { ContractColumns } from './contract-columns.js';
import { writeUuidBytes } from './uuid-bytes.js';

/** One contract as plain values: what tests and small loaders hand to the builder. */
export interface ContractRowInput {
  id: string;
  agencyId: string;
  supplierId: string;
  category: string;
  method: string;
  status: string;
  amountCents: number;
  signedAtMs: number;
}

/** The string tables that dictionary indexes point into. */
export type ColumnDictionaries = Pick<ContractColumns, 'agencyIds' | 'supplierIds' | 'categories' | 'methods' | 'statuses'>;

/** Appends contracts one at a time, dictionary-encoding the strings and growing the arrays by doubling. */
export class ContractColumnsBuilder {
  private count = 0;
  private capacity: number;
  private contractIds: Uint8Array;
  private agency: Uint32Array;
  private supplier: Uint32Array;
  private category: Uint16Array;
  private amountCents: Float64Array;
  private signedAtMs: Float64Array;
  private method: Uint8Array;
  private status: Uint8Array;
  private readonly agencies = new Dictionary();
  private readonly suppliers = new Dictionary();
  private readonly categories = new Dictionary();
  private readonly methods = new Dictionary();
  private readonly statuses = new Dictionary();

  constructor(initialCapacity = 1024) {
    this.capacity = Math.max(1, initialCapacity);
    this.contractIds = new Uint8Array(16 * this.capacity);
    this.agency = new Uint32Array(this.capacity);
    this.supplier = new Uint32Array(this.capacity);
    this.category = new Uint16Array(this.capacity);
    this.amountCents = new Float64Array(this.capacity);
    this.signedAtMs = new Float64Array(this.capacity);
    this.method = new Uint8Array(this.capacity);
    this.status = new Uint8Array(this.capacity);
  }

  get size(): number {
    return this.count;
  }

  add(row: ContractRowInput): this {
    const i = this.reserve();
    writeUuidBytes(row.id, this.contractIds, 16 * i);
    this.set(i, this.agencies.index(row.agencyId), this.suppliers.index(row.supplierId), this.categories.index(row.category), this.methods.index(row.method), this.statuses.index(row.status), row.amountCents, row.signedAtMs);
    return this;
  }

  /**
   * Hot path for binary loaders: the id is 16 raw bytes of `idSource` at `idOffset`; the other
   * fields are indexes into the caller's own dictionaries, which it then passes to `build`.
   */
  addEncoded(idSource: Uint8Array, idOffset: number, agency: number, supplier: number, category: number, method: number, status: number, amountCents: number, signedAtMs: number): void {
    const i = this.reserve();
    const ids = this.contractIds;
    const at = 16 * i;
    for (let k = 0; k < 16; k++) ids[at + k] = idSource[idOffset + k];
    this.set(i, agency, supplier, category, method, status, amountCents, signedAtMs);
  }

  /** The columns trimmed to the rows added (copies once, so the builder's spare capacity is not kept alive). */
  build(dictionaries?: ColumnDictionaries): ContractColumns {
    const n = this.count;
    return {
      count: n,
      contractIds: this.contractIds.slice(0, 16 * n),
      agency: this.agency.slice(0, n),
      supplier: this.supplier.slice(0, n),
      category: this.category.slice(0, n),
      amountCents: this.amountCents.slice(0, n),
      signedAtMs: this.signedAtMs.slice(0, n),
      method: this.method.slice(0, n),
      status: this.status.slice(0, n),
      ...(dictionaries ?? { agencyIds: this.agencies.values, supplierIds: this.suppliers.values, categories: this.categories.values, methods: this.methods.values, statuses: this.statuses.values }),
    };
  }

  private set(i: number, agency: number, supplier: number, category: number, method: number, status: number, amountCents: number, signedAtMs: number): void {
    if (category > 0xffff || method > 0xff || status > 0xff) throw new Error('too many distinct categories, methods or statuses for the columnar form');
    this.agency[i] = agency;
    this.supplier[i] = supplier;
    this.category[i] = category;
    this.method[i] = method;
    this.status[i] = status;
    this.amountCents[i] = amountCents;
    this.signedAtMs[i] = signedAtMs;
  }

  private reserve(): number {
    if (this.count === this.capacity) this.grow();
    return this.count++;
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    const grown = <T extends Uint8Array | Uint16Array | Uint32Array | Float64Array>(array: T, make: (n: number) => T, width = 1): T => {
      const next = make(capacity * width);
      next.set(array);
      return next;
    };
    this.contractIds = grown(this.contractIds, (n) => new Uint8Array(n), 16);
    this.agency = grown(this.agency, (n) => new Uint32Array(n));
    this.supplier = grown(this.supplier, (n) => new Uint32Array(n));
    this.category = grown(this.category, (n) => new Uint16Array(n));
    this.amountCents = grown(this.amountCents, (n) => new Float64Array(n));
    this.signedAtMs = grown(this.signedAtMs, (n) => new Float64Array(n));
    this.method = grown(this.method, (n) => new Uint8Array(n));
    this.status = grown(this.status, (n) => new Uint8Array(n));
    this.capacity = capacity;
  }
}

/** String -> dense index, first seen first. */
class Dictionary {
  readonly values: string[] = [];
  private readonly indexes = new Map<string, number>();

  index(value: string): number {
    let index = this.indexes.get(value);
    if (index === undefined) {
      index = this.values.length;
      this.values.push(value);
      this.indexes.set(value, index);
    }
    return index;
  }
}

/** Columns from plain rows (tests, small scopes). */
export function columnsFromRows(rows: readonly ContractRowInput[]): ContractColumns {
  const builder = new ContractColumnsBuilder(rows.length);
  for (const row of rows) builder.add(row);
  return builder.build();
}
