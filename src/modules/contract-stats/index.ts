export { ContractStatsModule } from './contract-stats.module.js';
export { ProjectContractEventService } from './commands/project-contract-event/project-contract-event.service.js';
export { RebuildContractStatsService } from './commands/rebuild-contract-stats/rebuild-contract-stats.service.js';
export type { RebuildResult } from './commands/rebuild-contract-stats/rebuild-contract-stats.service.js';
export { ContractStatsProjection } from './infrastructure/contract-stats.projection.js';
export type { ProjectionResult } from './infrastructure/contract-stats.projection.js';
export { ProjectionConflictError, ProjectionRebuildingError } from './domain/contract-stats.errors.js';
export { ContractStatsConsumer } from './events/contract-stats.consumer.js';
export { CONTRACT_STATS_GROUP, CONTRACT_STATS_LOCK } from './contract-stats.constants.js';
