import { Query } from '@nestjs/cqrs';
import { type Contract } from '../../domain/contract.js';

export class GetContractQuery extends Query<Contract> {
  constructor(readonly id: string) {
    super();
  }
}
