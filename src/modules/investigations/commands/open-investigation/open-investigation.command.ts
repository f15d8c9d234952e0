import { Command } from '@nestjs/cqrs';
import type { AgentName } from '../../../analysis/index.js';
import type { Investigation, InvestigationScope } from '../../domain/investigation.js';

export class OpenInvestigationCommand extends Command<{ investigation: Investigation; reused: boolean }> {
  constructor(
    readonly scope: InvestigationScope,
    readonly agents: AgentName[],
    readonly correlationId: string | null,
    /** Who opens it (`key:<id>`, `jwt:<subject>`, `admin-token`): recorded with the event; quotas and running investigations are counted per actor. */
    readonly actor: string,
  ) {
    super();
  }
}
