export { RedisModule } from './redis.module.js';
export { InjectRedis } from './inject-redis.decorator.js';
export { REDIS_CLIENT } from './redis.constants.js';
export { createRedisConnection, closeRedis, reconnectDelay, redisOptions } from './redis.connection.js';
export type { RedisSettings, RedisRole } from './redis.connection.js';
export { deleteByPrefix, scanKeys } from './scan-keys.js';
export { installCommandTiming, nameConnectionRole, observeRedisCommands, trackConnection, trackedConnections } from './command-timing.js';
export type { RedisCommandObserver, TrackedConnection } from './command-timing.js';
