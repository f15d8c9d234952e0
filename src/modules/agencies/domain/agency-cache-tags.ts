import { type AgencyStats } from './agency.js';

/** Cache tags of an agency's stats: the agency itself, and the suppliers named in its top list. */
export const agencyStatsTags = {
  of: (agencyId: string): string[] => [`agency:${agencyId}`],
  fromResult: (stats: AgencyStats): string[] => stats.topSuppliers.map((s) => `supplier:${s.supplierId}`),
};
