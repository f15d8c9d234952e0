import type { Contract } from './contract.js';

/**
 * Cache tags of contract data; the agency tag also covers that agency's stats. Ids are lower-cased:
 * a route's tags come from its path as sent, and a UUID written in upper case names the same
 * row, so its entries must carry the tag that writes bump.
 */
export const contractTags = {
  one: (id: string) => `contract:${id.toLowerCase()}`,
  lists: 'contracts:list',
  agency: (id: string) => `agency:${id.toLowerCase()}`,
  supplier: (id: string) => `supplier:${id.toLowerCase()}`,
  /** What a write of `contract` makes stale. */
  written: (contract: Pick<Contract, 'id' | 'agencyId'>) => [contractTags.one(contract.id), contractTags.lists, contractTags.agency(contract.agencyId)],
};
