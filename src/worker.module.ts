import { type DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from './config/index.js';
import { DatabaseModule } from './platform/database/index.js';
import { OutboxRelayModule } from './platform/events/index.js';
import { JobsModule } from './platform/jobs/index.js';
import { LoggingModule } from './platform/logging/index.js';
import { MaintenanceModule } from './platform/maintenance/index.js';
import { RedisModule } from './platform/redis/index.js';

/**
 * What the worker role runs: the outbox relay and the queue processors (stream consumers join
 * here). Imported by WorkerModule, and by AppModule when PROCESS_ROLE=all; it expects the
 * platform base (config, logging, database, Redis, jobs) from whichever imports it.
 */
@Module({ imports: [OutboxRelayModule, MaintenanceModule] })
export class WorkerRoleModule {}

/** The background process (PROCESS_ROLE=worker): no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: WorkerModule, imports: [ConfigModule.forRoot(config), LoggingModule, DatabaseModule, RedisModule, JobsModule.forRoot(), WorkerRoleModule] };
  }
}
