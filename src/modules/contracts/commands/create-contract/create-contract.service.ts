import { Injectable } from '@nestjs/common';
import { type Contract } from '../../domain/contract.js';
import { ContractsRepository } from '../../infrastructure/contracts.repository.js';
import { CreateContractRequestDto } from './create-contract.request.dto.js';

@Injectable()
export class CreateContractService {
  constructor(private readonly contracts: ContractsRepository) {}

  create(request: CreateContractRequestDto): Promise<Contract> {
    return this.contracts.insert({ ...request, signedAt: new Date(request.signedAt).toISOString(), metadata: request.metadata ?? {} });
  }
}
