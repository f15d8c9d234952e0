import { type DynamicModule, Module } from '@nestjs/common';
import { healthModule, monitoringModule } from './app.monitoring.js';
import { AppConfig, ConfigModule } from './config/index.js';
import { ContractStatsModule } from './modules/contract-stats/index.js';
import { InvestigationsWorkerModule } from './modules/investigations/index.js';
import { AgentsModule } from './platform/agents/index.js';
import { CacheModule } from './platform/cache/index.js';
import { DatabaseModule } from './platform/database/index.js';
import { EventConsumersModule, OutboxRelayModule } from './platform/events/index.js';
import { JobsModule } from './platform/jobs/index.js';
import { LoggingModule } from './platform/logging/index.js';
import { MaintenanceModule } from './platform/maintenance/index.js';
import { RedisModule } from './platform/redis/index.js';

/**
 * What the worker role runs: the outbox relay, the queue processors, the agent pool and every
 * `@EventConsumer` of the imported modules (the contract stats projection, the investigations' job starter). Imported by WorkerModule, and by AppModule when PROCESS_ROLE=all; it expects the
 * platform base (config, logging, database, Redis, jobs) from whichever imports it.
 */
@Module({ imports: [OutboxRelayModule, MaintenanceModule, EventConsumersModule, AgentsModule, ContractStatsModule, InvestigationsWorkerModule] })
export class WorkerRoleModule {}

/** The background process (PROCESS_ROLE=worker): no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: WorkerModule, imports: [ConfigModule.forRoot(config), LoggingModule, DatabaseModule, RedisModule, JobsModule.forRoot(), CacheModule.forRoot({ runWarmJobs: false }), healthModule(), monitoringModule(), WorkerRoleModule] };
  }
}
