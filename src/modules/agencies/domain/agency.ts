export interface Agency {
  id: string;
  code: string;
  name: string;
  region: string;
  createdAt: string;
  updatedAt: string;
}

export interface AgencyPage {
  items: Agency[];
  nextCursor: string | null;
}

export interface AmountTotal {
  currency: string;
  contracts: number;
  /** Exact: a number up to 2^53-1, a string of digits beyond. */
  amountCents: number | string;
}

export interface AgencyStats {
  agencyId: string;
  totals: AmountTotal[];
  byCategory: (AmountTotal & { category: string })[];
  byMonth: (AmountTotal & { month: string })[];
  topSuppliers: (AmountTotal & { supplierId: string; name: string })[];
}
