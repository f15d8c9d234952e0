import { Injectable } from '@nestjs/common';
import { EventConsumer, type EventConsumerHandler, type EventEnvelope } from '../../../platform/events/index.js';
import { CONTRACT_AGGREGATE } from '../../contracts/domain/contract.events.js';
import { ProjectContractEventService } from '../commands/project-contract-event/project-contract-event.service.js';
import { CONTRACT_STATS_GROUP, CONTRACT_STATS_MAX_DELIVERIES } from '../contract-stats.constants.js';
import { PROJECTED_EVENT_TYPES } from '../domain/latest-contract-states.js';

/** Runs the contract stats projection live in the worker, from the contract event streams. */
@Injectable()
@EventConsumer({ group: CONTRACT_STATS_GROUP, aggregateTypes: [CONTRACT_AGGREGATE], eventTypes: [...PROJECTED_EVENT_TYPES], maxDeliveries: CONTRACT_STATS_MAX_DELIVERIES })
export class ContractStatsConsumer implements EventConsumerHandler {
  constructor(private readonly live: ProjectContractEventService) {}

  async handle(event: EventEnvelope): Promise<void> {
    await this.live.handle(event);
  }

  /** Events of distinct contracts ready together share one transaction. */
  async handleBatch(events: EventEnvelope[]): Promise<void> {
    await this.live.handleBatch(events);
  }
}
