import { type DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { BullModule, getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { AppConfig } from '../../config/index.js';
import { bullConnection, bullPrefix } from './bull-connection.js';
import { errorLogger } from './error-log.js';
import { defaultJobOptions } from './job-options.js';
import { JOB_QUEUE_NAMES, JOB_QUEUES, REGISTERED_QUEUES } from './jobs.constants.js';
import { JobsStatsService } from './jobs-stats.service.js';

/**
 * BullMQ through `@nestjs/bullmq`: the queues (producers, injectable with `@InjectQueue`) on
 * the project's Redis, under REDIS_KEY_PREFIX, with the default job options from config.
 * Processors are providers of the modules that own them (`QueueProcessor`), so a process runs
 * only the processors of the modules it imports.
 */
@Global()
@Module({})
export class JobsModule {
  static forRoot(queues: readonly string[] = JOB_QUEUES): DynamicModule {
    return {
      module: JobsModule,
      imports: [
        BullModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({ connection: bullConnection(config.redis), prefix: bullPrefix(config.redis.keyPrefix), defaultJobOptions: defaultJobOptions(config.jobs) }),
        }),
        BullModule.registerQueue(...queues.map((name) => ({ name }))),
      ],
      providers: [
        { provide: JOB_QUEUE_NAMES, useValue: queues },
        {
          // Built as soon as the queues exist, so their connection errors are logged (once per outage) from the first.
          provide: REGISTERED_QUEUES,
          inject: queues.map((name) => getQueueToken(name)),
          useFactory: (...registered: Queue[]) => {
            const logger = new Logger('Jobs');
            for (const queue of registered) queue.on('error', errorLogger(logger, `queue:${queue.name}`));
            return registered;
          },
        },
        JobsStatsService,
      ],
      exports: [BullModule, JOB_QUEUE_NAMES, REGISTERED_QUEUES, JobsStatsService],
    };
  }
}
