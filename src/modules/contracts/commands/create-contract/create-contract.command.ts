import { Command } from '@nestjs/cqrs';
import { type Contract, type NewContract } from '../../domain/contract.js';

export class CreateContractCommand extends Command<Contract> {
  constructor(
    readonly contract: NewContract,
    /** The request id that caused it, carried into the event. */
    readonly correlationId: string | null = null,
    /** Who asked for it, recorded with the event. */
    readonly actor: string | null = null,
  ) {
    super();
  }
}
