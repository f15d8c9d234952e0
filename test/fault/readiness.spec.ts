import type { DataSource, QueryRunner } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { migrate } from '../../src/platform/database/index.js';
import { PrivatePostgres } from '../support/private-postgres.js';
import { PrivateRedis } from '../support/private-redis.js';
import { redisReady, startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

/** `/health/ready` follows Postgres and Redis: 503 within 5 s of one becoming unreachable, 200 again once it is back. */
describe('readiness when Postgres or Redis goes away', () => {
  let pg: PrivatePostgres;
  let redis: PrivateRedis;
  let t: TestApp;

  const ready = () => t.request('/health/ready');
  const readyIs = (status: number, down?: string) => async () => {
    const res = await ready();
    return res.status === status && (down === undefined || res.body.details?.[down]?.status === 'down');
  };

  beforeAll(async () => {
    [pg, redis] = await Promise.all([PrivatePostgres.start(), PrivateRedis.start()]);
    const url = pg.url('hotpath');
    await migrate({ url, poolSize: 1, maxOverflow: 0, acquireTimeoutMs: 5000, idleTimeoutMs: 1000, statementTimeoutMs: 60000, slowQueryMs: 10000 });
    t = await startTestApp('readiness', {
      DATABASE_URL: url,
      DATABASE_POOL_SIZE: '1',
      DATABASE_MAX_OVERFLOW: '0',
      DATABASE_ACQUIRE_TIMEOUT_MS: '300',
      REDIS_URL: redis.url,
      REDIS_COMMAND_TIMEOUT_MS: '300',
      REDIS_CONNECT_TIMEOUT_MS: '300',
    });
    await redisReady(t.app);
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
    await pg?.destroy();
  });

  it('is ready with both up, and stays ready while every pooled connection is taken (its Postgres check has its own)', async () => {
    expect(await ready()).toMatchObject({ status: 200, body: { status: 'ok', details: { database: { status: 'up' }, redis: { status: 'up' } } } });
    const holder: QueryRunner = t.app.get<DataSource>(getDataSourceToken()).createQueryRunner();
    await holder.connect();
    try {
      expect((await t.request('/contracts/00000000-0000-4000-8000-000000000000')).body.code).toBe('DATABASE.UNAVAILABLE');
      expect(await ready()).toMatchObject({ status: 200, body: { details: { database: { status: 'up' } } } });
    } finally {
      await holder.release();
    }
  });

  it('answers 503 naming Postgres within 5 s of it crashing, and 200 once it is back', async () => {
    await pg.crash();
    await waitFor(readyIs(503, 'database'), 5000, 100);
    expect(await ready()).toMatchObject({ status: 503, body: { code: 'HEALTH.NOT_READY', message: 'Not ready: database unavailable', details: { redis: { status: 'up' } } } });
    await pg.start();
    await waitFor(readyIs(200), 10_000, 100);
  });

  it('answers 503 naming Redis within 5 s of it stopping, and 200 once it is back', async () => {
    await redis.stop();
    await waitFor(readyIs(503, 'redis'), 5000, 100);
    expect(await ready()).toMatchObject({ status: 503, body: { code: 'HEALTH.NOT_READY', message: 'Not ready: redis unavailable', details: { database: { status: 'up' } } } });
    await redis.start();
    await waitFor(readyIs(200), 10_000, 100);
  });
});
