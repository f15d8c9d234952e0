import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type Contract } from '../../domain/contract.js';
import { ContractsRepository } from '../../infrastructure/contracts.repository.js';
import { CreateContractCommand } from './create-contract.command.js';

@CommandHandler(CreateContractCommand)
export class CreateContractService implements ICommandHandler<CreateContractCommand, Contract> {
  constructor(private readonly contracts: ContractsRepository) {}

  execute({ contract, correlationId, actor }: CreateContractCommand): Promise<Contract> {
    return this.contracts.insert(contract, { correlationId, actor });
  }
}
