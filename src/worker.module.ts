import { type DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from './config/index.js';
import { ContractStatsModule } from './modules/contract-stats/index.js';
import { CacheModule } from './platform/cache/index.js';
import { DatabaseModule } from './platform/database/index.js';
import { EventConsumersModule, OutboxRelayModule } from './platform/events/index.js';
import { LoggingModule } from './platform/logging/index.js';
import { RedisModule } from './platform/redis/index.js';

/**
 * The background process: the outbox relay and every `@EventConsumer` of the imported modules
 * (the contract stats projection, which invalidates cached stats through the shared cache's
 * tags); queue processors join later.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: WorkerModule, imports: [ConfigModule.forRoot(config), LoggingModule, DatabaseModule, RedisModule, CacheModule, OutboxRelayModule, EventConsumersModule, ContractStatsModule] };
  }
}
