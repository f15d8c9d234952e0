import { contractTags } from '../../contracts/domain/contract-cache-tags.js';
import { type AgencyStats } from './agency.js';

/**
 * Cache tags of an agency's stats: the agency itself, and the suppliers named in its top list.
 * Built by the contract tags, whose writes must reach them.
 */
export const agencyStatsTags = {
  of: (agencyId: string): string[] => [contractTags.agency(agencyId)],
  fromResult: (stats: AgencyStats): string[] => stats.topSuppliers.map((s) => contractTags.supplier(s.supplierId)),
};
