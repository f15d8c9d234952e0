import { type ContractFilters } from '../../domain/contract-filters.js';
import { InvalidContractFilterError } from '../../domain/contract.errors.js';
import { ListContractsRequestDto } from './list-contracts.request.dto.js';

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
  return filters;
}
