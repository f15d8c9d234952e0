import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { AppConfig } from '../../src/config/index.js';
import type { Contract } from '../../src/modules/contracts/domain/contract.js';
import { deadLetterStream, envelope } from '../../src/platform/events/index.js';
import { deleteByPrefix } from '../../src/platform/redis/index.js';
import { publish } from '../support/events.js';
import { Fixtures } from '../support/fixtures.js';
import { type NodeProcess, requireBuilt, startNode, WORKER_ENTRY } from '../support/node-process.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

/** An event the stats projection cannot apply is dead-lettered at once; the events after it, of its contract and of others, still project. */
describe('stats projection and a poison event', () => {
  let t: TestApp;
  let worker: NodeProcess;
  let prefix: string;
  const redis = new Redis('redis://127.0.0.1:6379/0');

  beforeAll(async () => {
    requireBuilt(WORKER_ENTRY);
    t = await startTestApp('poison');
    prefix = t.app.get(AppConfig).redis.keyPrefix;
    worker = startNode(WORKER_ENTRY, { DATABASE_URL: t.db.url, REDIS_KEY_PREFIX: prefix, LOG_LEVEL: 'info', OUTBOX_POLL_MS: '100', EVENTS_CONSUMER_BLOCK_MS: '100', DATABASE_POOL_SIZE: '2' });
    await waitFor(() => worker.output().includes('worker ready'), 20_000);
  });
  afterAll(async () => {
    worker.child.kill('SIGTERM');
    await worker.exited;
    await deleteByPrefix(redis, `${prefix}:`);
    redis.disconnect();
    await t.close();
  });

  it('dead-letters the poison event and keeps projecting', async () => {
    const fx = new Fixtures(t.db.client);
    const [agency, supplier] = [await fx.agency(), await fx.supplier()];
    const contract = (id: string, version: number, amountCents: unknown): Contract =>
      ({ id, agencyId: agency, supplierId: supplier, category: 'energy', procurementMethod: 'open', amountCents, currency: 'EUR', signedAt: '2025-01-01T00:00:00.000Z', status: 'active', metadata: {}, version, createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z' }) as Contract;
    const event = (c: Contract) =>
      envelope({ type: c.version === 1 ? 'contract.created' : 'contract.updated', schemaVersion: 1, aggregateType: 'contract', aggregateId: c.id, aggregateVersion: c.version, payload: { contract: c } });
    const [first, second] = [randomUUID(), randomUUID()];
    const poison = event(contract(first, 1, 'a lot'));
    await publish(redis, prefix, 4, [poison, event(contract(first, 2, 700)), event(contract(second, 1, 300))]);

    await waitFor(async () => (await redis.xlen(deadLetterStream(prefix))) > 0, 15_000);
    const [[, fields]] = await redis.xrange(deadLetterStream(prefix), '-', '+');
    const letter = Object.fromEntries(fields.flatMap((_, i) => (i % 2 === 0 ? [[fields[i], fields[i + 1]]] : [])));
    expect(letter).toMatchObject({ group: 'projections.stats', eventId: poison.eventId, deliveries: '1', error: expect.stringContaining('amountCents') });

    await waitFor(async () => (await t.request(`/agencies/${agency}/stats`)).body.totals?.[0]?.contracts === 2, 15_000);
    expect((await t.request(`/agencies/${agency}/stats`)).body.totals).toEqual([{ currency: 'EUR', contracts: 2, amountCents: 1000 }]);
  }, 40_000);
});
