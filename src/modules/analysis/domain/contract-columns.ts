/**
 * The columnar form every analysis agent reads: one typed array per field, dictionary-encoded
 * strings. Typed arrays cross into worker threads without per-row copying (transfer or share).
 */
export interface ContractColumns {
  count: number;
  /** 16 bytes per contract (UUID bytes), row i at [16*i, 16*i+16). */
  contractIds: Uint8Array;
  /** Index into agencyIds. */
  agency: Uint32Array;
  /** Index into supplierIds. */
  supplier: Uint32Array;
  /** Index into categories. */
  category: Uint16Array;
  amountCents: Float64Array;
  /** Epoch ms UTC. */
  signedAtMs: Float64Array;
  /** Index into methods (procurement method). */
  method: Uint8Array;
  /** Index into statuses. */
  status: Uint8Array;
  agencyIds: string[];
  supplierIds: string[];
  categories: string[];
  methods: string[];
  statuses: string[];
}
