import { Query } from '@nestjs/cqrs';
import type { ContractHistoryPage } from '../../domain/contract-history.js';

export class GetContractHistoryQuery extends Query<ContractHistoryPage> {
  constructor(
    readonly id: string,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
