import { contractTags } from '../../contracts/domain/contract-cache-tags.js';

/** Cache tags of a supplier's stats: the supplier tag, which the stats projection invalidates when its totals move. */
export const supplierStatsTags = {
  of: (supplierId: string): string[] => [contractTags.supplier(supplierId)],
};
