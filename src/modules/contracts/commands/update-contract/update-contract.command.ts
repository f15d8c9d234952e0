import { Command } from '@nestjs/cqrs';
import { type Contract, type ContractChanges } from '../../domain/contract.js';

export class UpdateContractCommand extends Command<Contract> {
  constructor(
    readonly id: string,
    readonly expectedVersion: number,
    readonly changes: ContractChanges,
    /** The request id that caused it, carried into the event. */
    readonly correlationId: string | null = null,
    /** Who asked for it, recorded with the event. */
    readonly actor: string | null = null,
  ) {
    super();
  }
}
