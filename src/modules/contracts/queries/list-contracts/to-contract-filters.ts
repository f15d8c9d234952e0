import { hasEmptyContainer } from '../../../../platform/http/index.js';
import { type ContractFilters } from '../../domain/contract-filters.js';
import { InvalidContractFilterError } from '../../domain/contract.errors.js';
import type { ListContractsRequestDto } from './list-contracts.request.dto.js';

export function toContractFilters(query: ListContractsRequestDto): ContractFilters {
  const filters: ContractFilters = {
    agencyId: query.agency,
    supplierId: query.supplier,
    category: query.category,
    status: query.status,
    signedFrom: query.signedFrom === undefined ? undefined : new Date(query.signedFrom),
    signedTo: query.signedTo === undefined ? undefined : new Date(query.signedTo),
    minAmountCents: query.minAmountCents,
    maxAmountCents: query.maxAmountCents,
    metadata: query.metadata,
  };
  if (filters.signedFrom && filters.signedTo && filters.signedFrom >= filters.signedTo) {
    throw new InvalidContractFilterError('signedFrom must be earlier than signedTo');
  }
  if (filters.minAmountCents !== undefined && filters.maxAmountCents !== undefined && filters.minAmountCents > filters.maxAmountCents) {
    throw new InvalidContractFilterError('minAmountCents must not exceed maxAmountCents');
  }
  // The GIN index (jsonb_path_ops) finds contracts by the values a filter holds: an empty object
  // or array holds none, so such a filter would scan the whole index.
  if (filters.metadata !== undefined && hasEmptyContainer(filters.metadata)) {
    throw new InvalidContractFilterError('metadata must not be or contain an empty object or array (it cannot use the metadata index)');
  }
  return filters;
}
