import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '../../config/index.js';
import { REDIS_CLIENT } from './redis.constants.js';
import { closeRedis, createRedisConnection } from './redis.connection.js';

@Global()
@Module({
  providers: [{ provide: REDIS_CLIENT, inject: [AppConfig], useFactory: (config: AppConfig) => createRedisConnection(config.redis, 'shared') }],
  exports: [REDIS_CLIENT],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly client: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await closeRedis(this.client);
  }
}
