import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type Contract } from '../../domain/contract.js';
import { ContractsRepository } from '../../infrastructure/contracts.repository.js';
import { GetContractQuery } from './get-contract.query.js';

@QueryHandler(GetContractQuery)
export class GetContractQueryHandler implements IQueryHandler<GetContractQuery, Contract> {
  constructor(private readonly contracts: ContractsRepository) {}

  execute(query: GetContractQuery): Promise<Contract> {
    return this.contracts.findById(query.id);
  }
}
