import { Module } from '@nestjs/common';
import { WarmCacheHttpController } from './commands/warm-cache/warm-cache.http.controller.js';
import { GetCacheStatsHttpController } from './queries/get-cache-stats/get-cache-stats.http.controller.js';
import { GetWarmJobHttpController } from './queries/get-warm-job/get-warm-job.http.controller.js';

@Module({ controllers: [GetCacheStatsHttpController, WarmCacheHttpController, GetWarmJobHttpController] })
export class AdminModule {}
