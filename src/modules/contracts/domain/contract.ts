export const CONTRACT_STATUSES = ['active', 'completed', 'terminated', 'cancelled'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

export const PROCUREMENT_METHODS = ['open', 'restricted', 'negotiated', 'direct_award', 'framework'] as const;
export type ProcurementMethod = (typeof PROCUREMENT_METHODS)[number];

export interface Contract {
  id: string;
  agencyId: string;
  supplierId: string;
  category: string;
  procurementMethod: ProcurementMethod;
  amountCents: number;
  currency: string;
  signedAt: string;
  status: ContractStatus;
  metadata: Record<string, unknown>;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type NewContract = Omit<Contract, 'id' | 'version' | 'createdAt' | 'updatedAt'>;
export type ContractChanges = Partial<NewContract>;
