import type { INestApplicationContext } from '@nestjs/common';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Redis } from 'ioredis';
import { type AddressInfo } from 'node:net';
import { createApp } from '../../src/app.factory.js';
import { AppConfig, type Env } from '../../src/config/index.js';
import { ApiKeysService, ROLES, type Role } from '../../src/platform/auth/index.js';
import { REDIS_CLIENT } from '../../src/platform/redis/index.js';
import { createTestDatabase, type TestDatabase, testKeyPrefix } from './test-database.js';
import { connectionReady } from './wait-for.js';

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly db: TestDatabase;
  readonly baseUrl: string;
  /** An API key of each role, created at start. */
  readonly keys: Readonly<Record<Role, string>>;
  /** Headers that authenticate as a key of `role`. */
  as(role: Role): { authorization: string };
  /** The actor recorded for writes made with the key of `role` (`key:<id>`). */
  actor(role: Role): string;
  request(path: string, init?: RequestInit & { json?: unknown }): Promise<{ status: number; headers: Headers; body: any }>;
  close(): Promise<void>;
}

/**
 * Resolves once the app's shared Redis connection is ready. The app starts without waiting
 * for Redis (reads then miss L2), so a test that reads what another instance wrote waits.
 */
export async function redisReady(app: INestApplicationContext): Promise<void> {
  await connectionReady(app.get<Redis>(REDIS_CLIENT));
}

/** Rate limits and quotas far above what any test sends; a test of limits sets its own. */
export const GENEROUS_LIMITS: Env = {
  RATE_LIMIT_ANONYMOUS_RPS: '100000',
  RATE_LIMIT_ANONYMOUS_BURST: '100000',
  RATE_LIMIT_ANONYMOUS_WRITE_RPS: '100000',
  RATE_LIMIT_ANONYMOUS_WRITE_BURST: '100000',
  RATE_LIMIT_ANONYMOUS_INVESTIGATION_RPS: '100000',
  RATE_LIMIT_ANONYMOUS_INVESTIGATION_BURST: '100000',
  RATE_LIMIT_KEY_RPS: '100000',
  RATE_LIMIT_KEY_BURST: '100000',
  RATE_LIMIT_KEY_WRITE_RPS: '100000',
  RATE_LIMIT_KEY_WRITE_BURST: '100000',
  RATE_LIMIT_KEY_INVESTIGATION_RPS: '100000',
  RATE_LIMIT_KEY_INVESTIGATION_BURST: '100000',
  INVESTIGATIONS_MAX_RUNNING: '1000',
};

/** The whole app on an ephemeral port, over a fresh database and its own Redis key prefix. */
export async function startTestApp(label: string, env: Env = {}): Promise<TestApp> {
  const db = await createTestDatabase(label);
  const config = AppConfig.fromEnv({
    DATABASE_URL: db.url,
    REDIS_KEY_PREFIX: testKeyPrefix(label),
    LOG_LEVEL: 'silent',
    // HTTP only (with the cache-warm processor): a test that needs the worker role's relay or processors starts them itself.
    PROCESS_ROLE: 'api',
    DATABASE_POOL_SIZE: '2',
    // Tests that count cache hits must not see warmers' requests; warming has its own test.
    CACHE_WARM_ON_START: 'false',
    CACHE_WARM_INTERVAL: '0',
    // Every test's requests come from 127.0.0.1: the limiter runs, but only tests of limits meet them.
    ...GENEROUS_LIMITS,
    ...env,
  });
  const app = await createApp(config);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const apiKeys = app.get(ApiKeysService);
  const keys = Object.fromEntries(await Promise.all(ROLES.map(async (role) => [role, (await apiKeys.create(`test ${role}`, role)).key]))) as Record<Role, string>;
  return {
    app,
    db,
    baseUrl,
    keys,
    as: (role) => ({ authorization: `Bearer ${keys[role]}` }),
    actor: (role) => `key:${keys[role].slice(3, 19)}`,
    async request(path, init = {}) {
      const { json, ...rest } = init;
      const response = await fetch(`${baseUrl}${path}`, {
        ...rest,
        headers: { ...(json === undefined ? {} : { 'content-type': 'application/json' }), ...(rest.headers as Record<string, string> | undefined) },
        body: json === undefined ? rest.body : JSON.stringify(json),
      });
      const text = await response.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // Not JSON (e.g. the docs page): keep the text.
      }
      return { status: response.status, headers: response.headers, body };
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
