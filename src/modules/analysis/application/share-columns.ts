import type { ContractColumns } from '../domain/contract-columns.js';

type Numeric = Uint8Array | Uint16Array | Uint32Array | Float64Array;

function shared<T extends Numeric>(array: T): T {
  const copy = new (array.constructor as new (buffer: SharedArrayBuffer) => T)(new SharedArrayBuffer(array.byteLength));
  copy.set(array);
  return copy;
}

/**
 * The same columns on SharedArrayBuffers: copied once here, then every task in every worker
 * thread reads the same memory (structured clone of a shared view copies nothing).
 */
export function shareColumns(columns: ContractColumns): ContractColumns {
  return {
    ...columns,
    contractIds: shared(columns.contractIds),
    agency: shared(columns.agency),
    supplier: shared(columns.supplier),
    category: shared(columns.category),
    amountCents: shared(columns.amountCents),
    signedAtMs: shared(columns.signedAtMs),
    method: shared(columns.method),
    status: shared(columns.status),
  };
}
