import { Module } from '@nestjs/common';
import { EventsModule } from '../../platform/events/index.js';
import { ReplayDeadLetterHttpController } from './commands/replay-dead-letter/replay-dead-letter.http.controller.js';
import { WarmCacheHttpController } from './commands/warm-cache/warm-cache.http.controller.js';
import { GetCacheStatsHttpController } from './queries/get-cache-stats/get-cache-stats.http.controller.js';
import { GetEventStreamsHttpController } from './queries/get-event-streams/get-event-streams.http.controller.js';
import { GetWarmJobHttpController } from './queries/get-warm-job/get-warm-job.http.controller.js';
import { ListDeadLettersHttpController } from './queries/list-dead-letters/list-dead-letters.http.controller.js';

@Module({
  imports: [EventsModule],
  controllers: [GetCacheStatsHttpController, WarmCacheHttpController, GetWarmJobHttpController, GetEventStreamsHttpController, ListDeadLettersHttpController, ReplayDeadLetterHttpController],
})
export class AdminModule {}
