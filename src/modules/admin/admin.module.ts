import { Module } from '@nestjs/common';
import { GetCacheStatsHttpController } from './queries/get-cache-stats/get-cache-stats.http.controller.js';

@Module({ controllers: [GetCacheStatsHttpController] })
export class AdminModule {}
