import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { TieredCache } from '../../../../platform/cache/index.js';
import type { Contract } from '../../domain/contract.js';
import { contractTags } from '../../domain/contract-cache-tags.js';
import { ContractsRepository } from '../../infrastructure/contracts.repository.js';
import { UpdateContractCommand } from './update-contract.command.js';

@CommandHandler(UpdateContractCommand)
export class UpdateContractService implements ICommandHandler<UpdateContractCommand, Contract> {
  constructor(
    private readonly contracts: ContractsRepository,
    private readonly cache: TieredCache,
  ) {}

  /** Invalidates after the update committed: the contract, every list, and the stats of the agency before and after. */
  async execute({ id, expectedVersion, changes, correlationId, actor }: UpdateContractCommand): Promise<Contract> {
    const { contract, previousAgencyId } = await this.contracts.update(id, expectedVersion, changes, { correlationId, actor });
    await this.cache.invalidateTags([...contractTags.written(contract), contractTags.agency(previousAgencyId)]);
    return contract;
  }
}
