import { Injectable } from '@nestjs/common';
import { TieredCache } from '../../../../platform/cache/index.js';
import type { Contract } from '../../domain/contract.js';
import { contractTags } from '../../domain/contract-cache-tags.js';
import { ContractsRepository } from '../../infrastructure/contracts.repository.js';
import type { UpdateContractRequestDto } from './update-contract.request.dto.js';

@Injectable()
export class UpdateContractService {
  constructor(
    private readonly contracts: ContractsRepository,
    private readonly cache: TieredCache,
  ) {}

  /** Invalidates after the update committed: the contract, every list, and the stats of the agency before and after. */
  async update(id: string, { version, ...changes }: UpdateContractRequestDto): Promise<Contract> {
    if (changes.signedAt !== undefined) changes.signedAt = new Date(changes.signedAt).toISOString();
    const { contract, previousAgencyId } = await this.contracts.update(id, version, changes);
    await this.cache.invalidateTags([...contractTags.written(contract), contractTags.agency(previousAgencyId)]);
    return contract;
  }
}
