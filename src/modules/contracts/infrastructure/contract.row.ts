import { type Contract, type ContractStatus, type ProcurementMethod } from '../domain/contract.js';

export const CONTRACT_COLUMNS = `id, agency_id, supplier_id, category, procurement_method, amount_cents, currency,
  signed_at, status, metadata, version, created_at, updated_at`;

export interface ContractRow {
  id: string;
  agency_id: string;
  supplier_id: string;
  category: string;
  procurement_method: ProcurementMethod;
  amount_cents: string;
  currency: string;
  signed_at: Date;
  status: ContractStatus;
  metadata: Record<string, unknown>;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export function toContract(row: ContractRow): Contract {
  return {
    id: row.id,
    agencyId: row.agency_id,
    supplierId: row.supplier_id,
    category: row.category,
    procurementMethod: row.procurement_method,
    amountCents: Number(row.amount_cents),
    currency: row.currency,
    signedAt: row.signed_at.toISOString(),
    status: row.status,
    metadata: row.metadata,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
