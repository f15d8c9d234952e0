import { contractTags } from '../../src/modules/contracts/domain/contract-cache-tags.js';
import { TieredCache } from '../../src/platform/cache/index.js';
import { Fixtures, type ContractFixture } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('cache keys and tags come from the validated, normalised request', () => {
  let t: TestApp;
  let contract: ContractFixture;
  let cache: TieredCache;

  beforeAll(async () => {
    t = await startTestApp('cache_keys');
    const fx = new Fixtures(t.db.client);
    contract = await fx.contract({ agencyId: await fx.agency(), supplierId: await fx.supplier() });
    cache = t.app.get(TieredCache);
  });
  afterAll(() => t.close());

  it('serves an upper-case id from the entry of its lower-case form, and drops it with the contract tag', async () => {
    const lower = `/contracts/${contract.id}`;
    const upper = `/contracts/${contract.id.toUpperCase()}`;
    expect((await t.request(lower)).headers.get('x-cache')).toBe('MISS');
    const hit = await t.request(upper);
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect(hit.body.id).toBe(contract.id);
    await cache.invalidateTags([contractTags.one(contract.id)]);
    expect((await t.request(upper)).headers.get('x-cache')).toBe('MISS');
  });

  it('keeps no entry, key or tag for requests the route refuses: prototype names, malformed ids', async () => {
    const before = cache.report();
    for (const path of ['/contracts?toString=1', '/contracts?constructor=x', '/contracts?__proto__=1', '/contracts?valueOf=2', '/contracts/not-a-uuid', `/contracts/${contract.id}x`]) {
      const response = await t.request(path);
      expect([path, response.headers.get('x-cache')]).toEqual([path, null]);
    }
    const after = cache.report();
    expect(after.l1.items).toBe(before.l1.items);
    expect(after.tagsKnown).toBe(before.tagsKnown);
    expect(after.namespaces).toEqual(before.namespaces);
  });

  it('shares one entry between spellings of the same list query', async () => {
    expect((await t.request('/contracts?limit=7&status=active')).headers.get('x-cache')).toBe('MISS');
    expect((await t.request('/contracts?status=active&limit=7')).headers.get('x-cache')).toBe('HIT');
    expect((await t.request('/contracts?status=active&limit=07')).headers.get('x-cache')).toBe('HIT');
  });
});
