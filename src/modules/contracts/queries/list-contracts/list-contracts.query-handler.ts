import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type Contract } from '../../domain/contract.js';
import { type ContractPage } from '../../domain/contract-filters.js';
import { ContractsRepository } from '../../infrastructure/contracts.repository.js';
import { ListContractsQuery } from './list-contracts.query.js';

@QueryHandler(ListContractsQuery)
export class ListContractsQueryHandler implements IQueryHandler<ListContractsQuery, ContractPage<Contract>> {
  constructor(private readonly contracts: ContractsRepository) {}

  execute(query: ListContractsQuery): Promise<ContractPage<Contract>> {
    return this.contracts.list(query.filters, query.cursor, query.limit);
  }
}
