import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AppConfig } from '../../../../config/index.js';
import type { Investigation } from '../../domain/investigation.js';
import { admitInvestigation, startOfUtcDay } from '../../domain/investigation-limits.js';
import { normalizeScope } from '../../domain/normalize-scope.js';
import { scopeKey } from '../../domain/scope-key.js';
import { InvestigationsRepository } from '../../infrastructure/investigations.repository.js';
import { OpenInvestigationCommand } from './open-investigation.command.js';

/**
 * Opens an investigation over the normalized scope (its job starts from the
 * `investigation.opened` event, so a Redis outage delays it, never loses it), or returns the
 * one opened for the same scope and agents within the compute cache TTL, which costs the
 * caller nothing. A new one must fit the caller's running and daily limits and the global cap
 * on queued investigations.
 */
@CommandHandler(OpenInvestigationCommand)
export class OpenInvestigationService implements ICommandHandler<OpenInvestigationCommand, { investigation: Investigation; reused: boolean }> {
  constructor(
    private readonly investigations: InvestigationsRepository,
    private readonly config: AppConfig,
  ) {}

  execute({ scope, agents, correlationId, actor }: OpenInvestigationCommand): Promise<{ investigation: Investigation; reused: boolean }> {
    const normalized = normalizeScope(scope);
    const limits = this.config.investigations;
    const now = new Date();
    return this.investigations.open(
      { scope: normalized, agents, key: scopeKey(normalized, agents), reuseSeconds: this.config.cache.namespaceTtlSeconds.compute, correlationId, actor },
      { since: startOfUtcDay(now), countQueuedUpTo: limits.maxQueued, admit: (usage) => admitInvestigation(usage, limits, now) },
    );
  }
}
