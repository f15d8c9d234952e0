import { Module } from '@nestjs/common';
import { ProjectContractEventService } from './commands/project-contract-event/project-contract-event.service.js';
import { RebuildContractStatsService } from './commands/rebuild-contract-stats/rebuild-contract-stats.service.js';
import { ContractStatsConsumer } from './events/contract-stats.consumer.js';
import { ContractStatsProjection } from './infrastructure/contract-stats.projection.js';

/**
 * The contract stats projection (agency and supplier read models): live from the contract event
 * streams in a process that imports EventConsumersModule (the worker), and rebuilt by replay.
 */
@Module({
  providers: [ContractStatsProjection, ProjectContractEventService, RebuildContractStatsService, ContractStatsConsumer],
  exports: [ContractStatsProjection, ProjectContractEventService, RebuildContractStatsService],
})
export class ContractStatsModule {}
