import { Redis } from 'ioredis';
import { AppConfig } from '../../src/config/index.js';
import { OutboxRelay } from '../../src/platform/events/index.js';
import { deleteByPrefix } from '../../src/platform/redis/index.js';
import { Fixtures } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

describe('GET /admin/events/streams', () => {
  const token = 'test-admin-token-events-0123';
  const auth = { authorization: `Bearer ${token}` };
  let t: TestApp;
  let prefix: string;
  const redis = new Redis('redis://127.0.0.1:6379/0');

  beforeAll(async () => {
    t = await startTestApp('events_admin', { ADMIN_TOKEN: token });
    prefix = t.app.get(AppConfig).redis.keyPrefix;
  });
  afterAll(async () => {
    await deleteByPrefix(redis, `${prefix}:events:`);
    redis.disconnect();
    await t.close();
  });

  it('needs the admin token', async () => {
    expect(await t.request('/admin/events/streams')).toMatchObject({ status: 401, body: { code: 'AUTH.REQUIRED' } });
  });

  it('shows the outbox backlog, then each stream with its groups, pending entries and lag', async () => {
    const fx = new Fixtures(t.db.client);
    const [agencyId, supplierId] = [await fx.agency(), await fx.supplier()];
    const created = await t.request('/contracts', {
      method: 'POST',
      headers: t.as('editor'),
      json: { agencyId, supplierId, category: 'energy', procurementMethod: 'open', amountCents: 10, currency: 'EUR', signedAt: '2025-01-01T00:00:00Z', status: 'active' },
    });
    expect(created.status).toBe(201);
    const before = await t.request('/admin/events/streams', { headers: auth });
    expect(before.status).toBe(200);
    expect(before.body).toEqual({ outbox: { unpublished: 1, oldestUnpublishedAgeSeconds: expect.any(Number) }, streams: [] });

    const relay = new OutboxRelay({ databaseUrl: t.db.url, keyPrefix: prefix, shards: 4, pollMs: 50, batch: 100 }, redis);
    relay.start();
    try {
      await waitFor(() => relay.published === 1);
    } finally {
      await relay.stop();
    }
    const [stream] = (await t.request('/admin/events/streams', { headers: auth })).body.streams as { name: string }[];
    await redis.xgroup('CREATE', stream.name, 'projections', '0');
    const after = await t.request('/admin/events/streams', { headers: auth });
    expect(after.body).toEqual({
      outbox: { unpublished: 0, oldestUnpublishedAgeSeconds: null },
      streams: [
        {
          name: expect.stringMatching(new RegExp(`^${prefix}:events:\\{contract\\.[0-3]\\}$`)),
          length: 1,
          lastId: expect.stringMatching(/^\d+-\d+$/),
          groups: [{ name: 'projections', consumers: 0, pending: 0, lag: 1, lastDeliveredId: '0-0' }],
        },
      ],
    });
  });
});
