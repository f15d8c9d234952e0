import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { httpExposureOptions } from './app.http-exposure.js';
import { healthModule, monitoringModule } from './app.monitoring.js';
import { rateLimitOptions } from './app.rate-limit.js';
import { authOptions } from './auth.options.js';
import { AppConfig, ConfigModule } from './config/index.js';
import { AdminModule } from './modules/admin/admin.module.js';
import { AgenciesModule } from './modules/agencies/agencies.module.js';
import { ContractsModule } from './modules/contracts/contracts.module.js';
import { InvestigationsModule } from './modules/investigations/index.js';
import { SuppliersModule } from './modules/suppliers/suppliers.module.js';
import { AuthModule } from './platform/auth/index.js';
import { CacheModule } from './platform/cache/index.js';
import { DatabaseModule } from './platform/database/index.js';
import { HttpExposureModule, HttpPlatformModule, RequestTimeoutInterceptor } from './platform/http/index.js';
import { JobsModule } from './platform/jobs/index.js';
import { LoggingModule } from './platform/logging/index.js';
import { RateLimitModule } from './platform/rate-limit/index.js';
import { RedisModule } from './platform/redis/index.js';
import { WorkerRoleModule } from './worker.module.js';

/** Platform modules first, then the domain. */
const MODULES = [LoggingModule, DatabaseModule, RedisModule, JobsModule.forRoot(), HttpPlatformModule, AuthModule.forRootAsync({ inject: [AppConfig], useFactory: authOptions }), HttpExposureModule.forRootAsync({ inject: [AppConfig], useFactory: httpExposureOptions }), RateLimitModule.forRootAsync({ inject: [AppConfig], useFactory: rateLimitOptions }), healthModule(), monitoringModule(), ContractsModule, AgenciesModule, SuppliersModule, InvestigationsModule, AdminModule];

/**
 * The app-level Fastify hooks whose work the cache's pre-router does itself for a pre-routed hit
 * (the request id header, the request log line). A request timeout cannot fire for a hit.
 */
const cacheModule = (config: AppConfig) =>
  CacheModule.forRoot({
    enabled: config.cache.enabled,
    runWarmJobs: true,
    http: { preRouter: config.cache.preRouter, allowedHooks: ['echoRequestId', 'logRequest'], allowedInterceptors: [RequestTimeoutInterceptor] },
  });

/** The HTTP application; with PROCESS_ROLE=all it also runs the worker role's modules in the same process. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: AppModule, imports: [ConfigModule.forRoot(config), CqrsModule.forRoot(), cacheModule(config), ...MODULES, ...(config.role.worker ? [WorkerRoleModule] : [])] };
  }
}
