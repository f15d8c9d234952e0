import type { INestApplicationContext } from '@nestjs/common';
import { AppConfig } from '../../src/config/index.js';
import { AgentPool } from '../../src/platform/agents/index.js';
import { OutboxRelay } from '../../src/platform/events/index.js';
import { ReadinessService } from '../../src/platform/health/index.js';
import { createWorker } from '../../src/worker.factory.js';
import { createTestDatabase, type TestDatabase, testKeyPrefix } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

const WORKER_PARTS = ['outboxRelay', 'eventConsumers', 'agentPool'];

/** Readiness covers what the process runs: where the worker role runs, its relay, consumers and agent pool too. */
describe('readiness of the worker role', () => {
  describe('in the worker process (no HTTP: whoever serves its health calls ReadinessService)', () => {
    let db: TestDatabase;
    let worker: INestApplicationContext;

    beforeAll(async () => {
      db = await createTestDatabase('worker_ready');
      worker = await createWorker(AppConfig.fromEnv({ DATABASE_URL: db.url, REDIS_KEY_PREFIX: testKeyPrefix('worker_ready'), LOG_LEVEL: 'silent', PROCESS_ROLE: 'worker', DATABASE_POOL_SIZE: '2', AGENT_POOL_MIN: '1', AGENT_POOL_MAX: '1', EVENTS_CONSUMER_BLOCK_MS: '100' }));
    });
    afterAll(async () => {
      await worker?.close();
      await db?.drop();
    });

    it('checks Postgres, Redis, the relay, every consumer group and the agent pool', async () => {
      const readiness = worker.get(ReadinessService);
      await waitFor(async () => (await readiness.check()).status === 'ok', 10_000, 100);
      const { details } = await readiness.check();
      expect(Object.keys(details).sort()).toEqual(['database', 'redis', ...WORKER_PARTS].sort());
      expect(details.outboxRelay).toMatchObject({ status: 'up', running: true, failing: false });
      expect(details.eventConsumers).toMatchObject({ status: 'up', groups: expect.arrayContaining([expect.objectContaining({ group: 'projections.stats', reading: true, failing: false })]) });
      expect(details.agentPool).toMatchObject({ status: 'up', queueMax: 1000 });
    });
  });

  describe('in an API process that runs both roles', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp('all_ready', { PROCESS_ROLE: 'all', AGENT_POOL_MIN: '1', AGENT_POOL_MAX: '1', EVENTS_CONSUMER_BLOCK_MS: '100' });
    });
    afterAll(() => t.close());

    it('is ready with every part up, and answers 503 naming the part that stopped', async () => {
      await waitFor(async () => (await t.request('/health/ready')).status === 200, 10_000, 100);
      expect((await t.request('/health/ready')).body.details).toMatchObject({ outboxRelay: { status: 'up' }, eventConsumers: { status: 'up' }, agentPool: { status: 'up' } });
      await t.app.get(AgentPool).close();
      await t.app.get(OutboxRelay).stop();
      const res = await t.request('/health/ready');
      // The public body names each part's state, nothing more.
      expect(res).toMatchObject({ status: 503, body: { code: 'HEALTH.NOT_READY', details: { outboxRelay: { status: 'down' }, agentPool: { status: 'down' }, database: { status: 'up' } } } });
      expect(res.body.details.outboxRelay).toEqual({ status: 'down' });
      expect(res.body.message).toBe('Not ready: outboxRelay, agentPool unavailable');
    });
  });

  it('an API-only process checks only Postgres and Redis', async () => {
    const t = await startTestApp('api_ready');
    try {
      expect(Object.keys((await t.request('/health/ready')).body.details).sort()).toEqual(['database', 'redis']);
    } finally {
      await t.close();
    }
  });
});
