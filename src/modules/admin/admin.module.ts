import { Module } from '@nestjs/common';
import { EventsModule } from '../../platform/events/index.js';
import { ReplayDeadLetterHttpController } from './commands/replay-dead-letter/replay-dead-letter.http.controller.js';
import { WarmCacheHttpController } from './commands/warm-cache/warm-cache.http.controller.js';
import { GetAgentPoolHttpController } from './queries/get-agent-pool/get-agent-pool.http.controller.js';
import { GetCacheStatsHttpController } from './queries/get-cache-stats/get-cache-stats.http.controller.js';
import { GetEventStreamsHttpController } from './queries/get-event-streams/get-event-streams.http.controller.js';
import { GetWarmJobHttpController } from './queries/get-warm-job/get-warm-job.http.controller.js';
import { ListDeadLettersHttpController } from './queries/list-dead-letters/list-dead-letters.http.controller.js';
import { GetAlertsHttpController } from './queries/get-alerts/get-alerts.http.controller.js';
import { GetCacheReportHttpController } from './queries/get-cache-report/get-cache-report.http.controller.js';
import { GetDependencyHealthHttpController } from './queries/get-dependency-health/get-dependency-health.http.controller.js';
import { GetPoolsReportHttpController } from './queries/get-pools-report/get-pools-report.http.controller.js';
import { GetRedisConnectionsHttpController } from './queries/get-redis-connections/get-redis-connections.http.controller.js';
import { GetRedisPerformanceHttpController } from './queries/get-redis-performance/get-redis-performance.http.controller.js';

@Module({
  imports: [EventsModule],
  controllers: [
    GetAgentPoolHttpController, GetCacheStatsHttpController, WarmCacheHttpController, GetWarmJobHttpController, GetEventStreamsHttpController, ListDeadLettersHttpController, ReplayDeadLetterHttpController,
    GetRedisPerformanceHttpController, GetRedisConnectionsHttpController, GetCacheReportHttpController, GetPoolsReportHttpController, GetAlertsHttpController, GetDependencyHealthHttpController,
  ],
})
export class AdminModule {}
