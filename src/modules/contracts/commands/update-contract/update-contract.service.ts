import { Injectable } from '@nestjs/common';
import { type Contract } from '../../domain/contract.js';
import { ContractsRepository } from '../../infrastructure/contracts.repository.js';
import { UpdateContractRequestDto } from './update-contract.request.dto.js';

@Injectable()
export class UpdateContractService {
  constructor(private readonly contracts: ContractsRepository) {}

  update(id: string, { version, ...changes }: UpdateContractRequestDto): Promise<Contract> {
    if (changes.signedAt !== undefined) changes.signedAt = new Date(changes.signedAt).toISOString();
    return this.contracts.update(id, version, changes);
  }
}
