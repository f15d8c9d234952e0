import { Command } from '@nestjs/cqrs';
import { type Contract, type NewContract } from '../../domain/contract.js';

export class CreateContractCommand extends Command<Contract> {
  constructor(readonly contract: NewContract) {
    super();
  }
}
