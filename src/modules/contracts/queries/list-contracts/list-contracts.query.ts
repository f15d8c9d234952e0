import { Query } from '@nestjs/cqrs';
import { type Contract } from '../../domain/contract.js';
import { type ContractFilters, type ContractPage } from '../../domain/contract-filters.js';

export class ListContractsQuery extends Query<ContractPage<Contract>> {
  constructor(
    readonly filters: ContractFilters,
    readonly cursor: string | undefined,
    readonly limit: number,
  ) {
    super();
  }
}
