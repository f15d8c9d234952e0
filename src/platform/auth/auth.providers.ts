import type { Provider } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { createRedisConnection, REDIS_CLIENT } from '../redis/index.js';
import { API_KEYS_SQL, KEY_CHANGE_BUS } from './auth.constants.js';
import { AUTH_OPTIONS } from './auth.module-definition.js';
import { type AuthModuleOptions, DEFAULT_KEY_CACHE } from './auth-options.js';
import { ApiKeyResolver } from './api-keys/api-key-resolver.js';
import { ApiKeysRepository } from './api-keys/api-keys.repository.js';
import { ApiKeysService } from './api-keys/api-keys.service.js';
import type { KeyChangeBus } from './api-keys/key-change-bus.js';
import { RedisKeyChangeBus } from './api-keys/redis-key-change-bus.js';
import { dataSourceSql, type SqlClient } from './api-keys/sql-client.js';
import { AdminToken } from './credentials/admin-token.js';
import { CredentialResolver } from './credentials/credential-resolver.js';
import { JwtVerifier } from './jwt/jwt-verifier.js';

export const AUTH_PROVIDERS: Provider[] = [
  { provide: API_KEYS_SQL, inject: [getDataSourceToken()], useFactory: (db: DataSource) => dataSourceSql(db) },
  { provide: ApiKeysRepository, inject: [API_KEYS_SQL], useFactory: (sql: SqlClient) => new ApiKeysRepository(sql) },
  {
    provide: KEY_CHANGE_BUS,
    inject: [REDIS_CLIENT, AUTH_OPTIONS],
    useFactory: (redis: Redis, options: AuthModuleOptions) =>
      new RedisKeyChangeBus(redis, createRedisConnection(options.keyChanges.redis, 'subscriber', 'hotpath-auth-keys'), options.keyChanges.channel),
  },
  { provide: ApiKeysService, inject: [ApiKeysRepository, KEY_CHANGE_BUS], useFactory: (repository: ApiKeysRepository, bus: KeyChangeBus) => new ApiKeysService(repository, bus) },
  {
    provide: ApiKeyResolver,
    inject: [ApiKeysRepository, AUTH_OPTIONS],
    useFactory: (repository: ApiKeysRepository, options: AuthModuleOptions) => new ApiKeyResolver(repository, { ...DEFAULT_KEY_CACHE, ...options.keyCache }, options.now),
  },
  { provide: AdminToken, inject: [AUTH_OPTIONS], useFactory: (options: AuthModuleOptions) => new AdminToken(options.adminToken) },
  {
    provide: CredentialResolver,
    inject: [AdminToken, ApiKeyResolver, AUTH_OPTIONS],
    useFactory: (admin: AdminToken, apiKeys: ApiKeyResolver, options: AuthModuleOptions) => new CredentialResolver(admin, apiKeys, options.jwt ? new JwtVerifier(options.jwt, options.now) : undefined),
  },
];
