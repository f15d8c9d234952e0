import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('platform behaviour over HTTP', () => {
  describe('with healthy dependencies', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp('platform');
    });
    afterAll(() => t.close());

    it('reports liveness and readiness of Postgres and Redis', async () => {
      expect(await t.request('/health/live')).toMatchObject({ status: 200, body: { status: 'ok' } });
      const ready = await t.request('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.details).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' } });
    });

    it('serves the OpenAPI document at /docs', async () => {
      const json = await t.request('/docs/json');
      expect(json.status).toBe(200);
      expect(Object.keys(json.body.paths)).toEqual(expect.arrayContaining(['/contracts', '/contracts/{id}', '/agencies/{id}/stats', '/suppliers/{id}', '/health/ready']));
      expect((await t.request('/docs')).status).toBe(200);
    });

    it('echoes a valid x-request-id and makes one up otherwise', async () => {
      const echoed = await t.request('/health/live', { headers: { 'x-request-id': 'trace-123' } });
      expect(echoed.headers.get('x-request-id')).toBe('trace-123');
      const generated = await t.request('/health/live', { headers: { 'x-request-id': 'bad id with spaces' } });
      expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('answers unknown routes with the common 404 body', async () => {
      expect(await t.request('/nowhere')).toMatchObject({ status: 404, body: { statusCode: 404, code: 'ROUTE.NOT_FOUND' } });
    });
  });

  describe('when the pool is exhausted', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp('pool', { DATABASE_POOL_SIZE: '1', DATABASE_MAX_OVERFLOW: '0', DATABASE_ACQUIRE_TIMEOUT_MS: '200' });
    });
    afterAll(() => t.close());

    it('answers 503 DATABASE.UNAVAILABLE within the acquire timeout instead of hanging', async () => {
      const holder = t.app.get<DataSource>(getDataSourceToken()).createQueryRunner();
      await holder.connect();
      try {
        const started = Date.now();
        const res = await t.request('/contracts/00000000-0000-4000-8000-000000000000');
        expect(res.status).toBe(503);
        expect(res.body).toEqual({ statusCode: 503, code: 'DATABASE.UNAVAILABLE', message: 'Database unavailable: no database connection available' });
        expect(Date.now() - started).toBeLessThan(2000);
      } finally {
        await holder.release();
      }
      expect((await t.request('/contracts/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    });
  });

  describe('when Redis is unreachable', () => {
    let t: TestApp;
    beforeAll(async () => {
      // Port 1 on loopback refuses connections.
      t = await startTestApp('noredis', { REDIS_URL: 'redis://127.0.0.1:1/0', REDIS_CONNECT_TIMEOUT_MS: '200' });
    });
    afterAll(() => t.close());

    it('is live but not ready, naming redis as the failing part', async () => {
      expect((await t.request('/health/live')).status).toBe(200);
      const ready = await t.request('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ statusCode: 503, code: 'HEALTH.NOT_READY', message: 'Not ready: redis unavailable', details: { database: { status: 'up' }, redis: { status: 'down' } } });
    });

    it('still serves reads from Postgres', async () => {
      expect((await t.request('/contracts')).status).toBe(200);
    });
  });
});
