import { type DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule } from '../src/config/index.js';
import { ContractStatsModule } from '../src/modules/contract-stats/index.js';
import { CacheModule } from '../src/platform/cache/index.js';
import { DatabaseModule } from '../src/platform/database/index.js';
import { JobsModule } from '../src/platform/jobs/index.js';
import { RedisModule } from '../src/platform/redis/index.js';

/** What `npm run projections:rebuild` needs: the projections, Postgres, and the cache to invalidate what changed (it needs the jobs module; this process takes no cache-warm jobs). */
@Module({})
export class ProjectionsRebuildModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ProjectionsRebuildModule, imports: [ConfigModule.forRoot(config), DatabaseModule, RedisModule, JobsModule.forRoot(), CacheModule.forRoot({ runWarmJobs: false }), ContractStatsModule] };
  }
}
