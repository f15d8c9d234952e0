import { type ContractStatus } from './contract.js';

export interface ContractFilters {
  agencyId?: string;
  supplierId?: string;
  category?: string;
  status?: ContractStatus;
  signedFrom?: Date;
  signedTo?: Date;
  minAmountCents?: number;
  maxAmountCents?: number;
  metadata?: Record<string, unknown>;
}

/** Position after the last row of a page in (signed_at DESC, id ASC) order. */
export interface ContractPosition {
  signedAtMicros: string;
  id: string;
}

export interface ContractPage<T> {
  items: T[];
  nextCursor: string | null;
}
