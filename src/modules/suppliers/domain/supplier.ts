import type { AmountTotal } from '../../agencies/domain/agency.js';

export interface Supplier {
  id: string;
  taxId: string;
  name: string;
  country: string;
  createdAt: string;
  updatedAt: string;
}

export interface SupplierStats {
  supplierId: string;
  /** Agencies with at least one contract (not cancelled) with this supplier. */
  agencies: number;
  totals: AmountTotal[];
  byCategory: (AmountTotal & { category: string })[];
  topAgencies: (AmountTotal & { agencyId: string; name: string })[];
}
