import { AppConfig } from './config/index.js';
import { HealthModule } from './platform/health/index.js';

/** Readiness checks Postgres on its own connection, within the Redis command timeout. */
export const healthModule = () =>
  HealthModule.forRootAsync({
    inject: [AppConfig],
    useFactory: (config: AppConfig) => ({ database: { url: config.database.url }, checkTimeoutMs: Math.min(1500, config.redis.commandTimeoutMs) }),
  });
