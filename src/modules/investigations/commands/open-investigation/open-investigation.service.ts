import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AppConfig } from '../../../../config/index.js';
import type { Investigation } from '../../domain/investigation.js';
import { InvalidInvestigationScopeError } from '../../domain/investigation.errors.js';
import { scopeKey } from '../../domain/scope-key.js';
import { InvestigationsRepository } from '../../infrastructure/investigations.repository.js';
import { OpenInvestigationCommand } from './open-investigation.command.js';

/**
 * Opens an investigation (its job starts from the `investigation.opened` event, so a Redis
 * outage delays it, never loses it), or returns the one opened for the same scope and agents
 * within the compute cache TTL.
 */
@CommandHandler(OpenInvestigationCommand)
export class OpenInvestigationService implements ICommandHandler<OpenInvestigationCommand, { investigation: Investigation; reused: boolean }> {
  constructor(
    private readonly investigations: InvestigationsRepository,
    private readonly config: AppConfig,
  ) {}

  execute({ scope, agents, correlationId }: OpenInvestigationCommand): Promise<{ investigation: Investigation; reused: boolean }> {
    if (scope.from && scope.to && new Date(scope.from) >= new Date(scope.to)) throw new InvalidInvestigationScopeError('scope.from must be before scope.to');
    const reuseSeconds = this.config.cache.namespaceTtlSeconds.compute;
    return this.investigations.open(scope, agents, scopeKey(scope, agents), reuseSeconds, correlationId);
  }
}
