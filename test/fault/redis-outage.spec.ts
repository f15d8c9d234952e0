import { Redis } from 'ioredis';
import { Fixtures } from '../support/fixtures.js';
import { PrivateRedis } from '../support/private-redis.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

/** The cache when its Redis goes away and comes back: clients never notice but for speed. */
describe('cache during a Redis outage', () => {
  let redis: PrivateRedis;
  let t: TestApp;
  let contractId: string;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    t = await startTestApp('redis_outage', { REDIS_URL: redis.url, REDIS_COMMAND_TIMEOUT_MS: '200', REDIS_CONNECT_TIMEOUT_MS: '200' });
    const fx = new Fixtures(t.db.client);
    const agency = await fx.agency();
    const supplier = await fx.supplier();
    contractId = (await fx.contract({ agencyId: agency, supplierId: supplier, amountCents: 100 })).id;
  });
  afterAll(async () => {
    await t.close();
    await redis.stop();
  });

  it('serves from L1 and the database, invalidates locally, and recovers when Redis returns', async () => {
    expect((await t.request(`/contracts/${contractId}`)).headers.get('x-cache')).toBe('MISS');
    // A tag version read that times out (200 ms here, on a busy machine) leaves an entry that only its own request may use: wait for a HIT.
    await waitFor(async () => (await t.request(`/contracts/${contractId}`)).headers.get('x-cache') === 'HIT', 5000, 50);

    await redis.stop();
    const hit = await t.request(`/contracts/${contractId}`);
    expect(hit.status).toBe(200);
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect((await t.request('/contracts?limit=1')).status).toBe(200);

    const patched = await t.request(`/contracts/${contractId}`, { method: 'PATCH', headers: t.as('editor'), json: { version: 1, amountCents: 200 } });
    expect(patched.status).toBe(200);
    const afterWrite = await t.request(`/contracts/${contractId}`);
    expect(afterWrite.status).toBe(200);
    expect(afterWrite.body.amountCents).toBe(200);
    expect((await t.request('/health/ready')).status).toBe(503);

    await redis.start();
    const probe = new Redis(redis.url);
    try {
      // Back to normal: readiness returns, and responses land in Redis again.
      for (let i = 0; i < 100 && (await t.request('/health/ready')).status !== 200; i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await t.request('/health/ready')).status).toBe(200);
      await t.request('/contracts?limit=2');
      let stored = 0;
      for (let i = 0; i < 50 && stored === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        stored = (await probe.scan('0', 'MATCH', '*:c:api:*', 'COUNT', 1000))[1].length;
      }
      expect(stored).toBeGreaterThan(0);
      const fresh = await t.request(`/contracts/${contractId}`);
      expect(fresh.body.amountCents).toBe(200);
    } finally {
      probe.disconnect();
    }
  });
});
