import type { Contract } from './contract.js';

/** Cache tags of contract data; the agency tag also covers that agency's stats. */
export const contractTags = {
  one: (id: string) => `contract:${id}`,
  lists: 'contracts:list',
  agency: (id: string) => `agency:${id}`,
  supplier: (id: string) => `supplier:${id}`,
  /** What a write of `contract` makes stale. */
  written: (contract: Pick<Contract, 'id' | 'agencyId'>) => [`contract:${contract.id}`, 'contracts:list', `agency:${contract.agencyId}`],
};
