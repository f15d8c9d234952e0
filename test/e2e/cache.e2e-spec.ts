import { CACHE_MANAGER } from '@nestjs/cache-manager';
import { QueryBus } from '@nestjs/cqrs';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Cache } from 'cache-manager';
import type { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory.js';
import { AppConfig } from '../../src/config/index.js';
import { GetAgencyStatsQuery } from '../../src/modules/agencies/queries/get-agency-stats/get-agency-stats.query.js';
import { PreRouterHits, TieredCache } from '../../src/platform/cache/index.js';
import { Fixtures, type ContractFixture } from '../support/fixtures.js';
import { projectStats } from '../support/project-stats.js';
import { GENEROUS_LIMITS, redisReady, startTestApp, type TestApp } from '../support/test-app.js';

describe('cached endpoints', () => {
  let t: TestApp;
  let fx: Fixtures;
  let agency: string;
  let supplier: string;
  let contract: ContractFixture;

  beforeAll(async () => {
    t = await startTestApp('cache');
    // Tests below read through a second instance what this one wrote to Redis.
    await redisReady(t.app);
    fx = new Fixtures(t.db.client);
    agency = await fx.agency();
    supplier = await fx.supplier();
    contract = await fx.contract({ agencyId: agency, supplierId: supplier, amountCents: 5000 });
    await projectStats(t.app);
  });
  afterAll(() => t.close());

  it('answers a miss, then a hit with the same body and ETag, and 304 to If-None-Match', async () => {
    const first = await t.request(`/contracts/${contract.id}`);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-cache')).toBe('MISS');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toBe('no-cache');

    const preRouted = t.app.get(PreRouterHits).served;
    const second = await t.request(`/contracts/${contract.id}`, { headers: { 'x-request-id': 'hit-trace-1' } });
    expect(second.headers.get('x-cache')).toBe('HIT');
    // Answered before Fastify routed it, with the same headers as a hit through Fastify.
    expect(t.app.get(PreRouterHits).served).toBe(preRouted + 1);
    expect(second.headers.get('etag')).toBe(etag);
    expect(second.headers.get('cache-control')).toBe('no-cache');
    expect(second.headers.get('content-type')).toContain('application/json');
    expect(second.headers.get('x-request-id')).toBe('hit-trace-1');
    expect(second.headers.get('content-length')).toBe(first.headers.get('content-length'));
    expect(second.body).toEqual(first.body);

    const revalidated = await t.request(`/contracts/${contract.id}`, { headers: { 'if-none-match': etag as string } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('etag')).toBe(etag);
    expect(revalidated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(revalidated.body).toBeUndefined();

    const head = await fetch(`${t.baseUrl}/contracts/${contract.id}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('x-cache')).toBe('HIT');
    expect(head.headers.get('content-length')).toBe(first.headers.get('content-length'));
    expect(await head.text()).toBe('');
  });

  it('keys by query, so different filters are different entries', async () => {
    expect((await t.request('/contracts?limit=5')).headers.get('x-cache')).toBe('MISS');
    expect((await t.request('/contracts?limit=5')).headers.get('x-cache')).toBe('HIT');
    expect((await t.request('/contracts?limit=6')).headers.get('x-cache')).toBe('MISS');
  });

  it('never caches errors', async () => {
    const missing = '/contracts/00000000-0000-4000-8000-000000000000';
    expect((await t.request(missing)).status).toBe(404);
    const again = await t.request(missing);
    expect(again.status).toBe(404);
    expect(again.headers.get('x-cache')).toBe('MISS');
  });

  it('shows a PATCH on the next GET of the contract and its lists, and on its agency stats once the projection applied it', async () => {
    await t.request(`/contracts/${contract.id}`);
    await t.request(`/agencies/${agency}/stats`);
    await t.request(`/contracts?agency=${agency}`);
    const current = (await t.request(`/contracts/${contract.id}`)).body;
    const patched = await t.request(`/contracts/${contract.id}`, { method: 'PATCH', headers: t.as('editor'), json: { version: current.version, amountCents: 7777 } });
    expect(patched.status).toBe(200);

    const one = await t.request(`/contracts/${contract.id}`);
    expect(one.headers.get('x-cache')).toBe('MISS');
    expect(one.body.amountCents).toBe(7777);
    const list = await t.request(`/contracts?agency=${agency}`);
    expect(list.body.items.find((c: { id: string }) => c.id === contract.id).amountCents).toBe(7777);
    // The stats were re-read (and cached) before the projection caught up: its invalidation makes the next read fresh.
    expect((await t.request(`/agencies/${agency}/stats`)).body.totals[0].amountCents).toBe(5000);
    await projectStats(t.app);
    const stats = await t.request(`/agencies/${agency}/stats`);
    expect(stats.body.totals[0].amountCents).toBe(7777);
  });

  it('moves stats of both agencies when a PATCH moves a contract to another agency', async () => {
    const other = await fx.agency();
    await t.request(`/agencies/${other}/stats`);
    await t.request(`/agencies/${agency}/stats`);
    const current = (await t.request(`/contracts/${contract.id}`)).body;
    await t.request(`/contracts/${contract.id}`, { method: 'PATCH', headers: t.as('editor'), json: { version: current.version, agencyId: other } });
    await t.request(`/agencies/${other}/stats`);
    await projectStats(t.app);
    expect((await t.request(`/agencies/${other}/stats`)).body.totals).toEqual([{ currency: 'EUR', contracts: 1, amountCents: 7777 }]);
    expect((await t.request(`/agencies/${agency}/stats`)).body.totals).toEqual([]);
  });

  it('tags agency stats with the suppliers of their top list, on the route and on the query handler', async () => {
    const queries = t.app.get(QueryBus);
    const cache = t.app.get(TieredCache);
    const own = await fx.agency();
    await fx.contract({ agencyId: own, supplierId: supplier, amountCents: 300 });
    await projectStats(t.app);
    const fromBus = await queries.execute(new GetAgencyStatsQuery(own));
    expect(fromBus.topSuppliers.map((s) => s.supplierId)).toEqual([supplier]);
    const computeMisses = () => cache.report().namespaces.compute?.misses ?? 0;
    const missesBefore = computeMisses();
    expect(await queries.execute(new GetAgencyStatsQuery(own))).toEqual(fromBus);
    expect(computeMisses()).toBe(missesBefore);

    await t.request(`/agencies/${own}/stats`);
    expect((await t.request(`/agencies/${own}/stats`)).headers.get('x-cache')).toBe('HIT');
    await cache.invalidateTags([`supplier:${supplier}`]);
    expect((await t.request(`/agencies/${own}/stats`)).headers.get('x-cache')).toBe('MISS');
    expect(computeMisses()).toBe(missesBefore + 1);
  });

  it('shows a POST in lists at once', async () => {
    const before = await t.request(`/contracts?supplier=${supplier}`);
    await t.request(`/contracts?supplier=${supplier}`);
    const created = await t.request('/contracts', {
      method: 'POST',
      headers: t.as('editor'),
      json: { agencyId: agency, supplierId: supplier, category: 'energy', procurementMethod: 'open', amountCents: 1, currency: 'EUR', signedAt: '2030-01-01T00:00:00Z', status: 'active' },
    });
    expect(created.status).toBe(201);
    const after = await t.request(`/contracts?supplier=${supplier}`);
    expect(after.body.items.length).toBe(before.body.items.length + 1);
    expect(after.body.items[0].id).toBe(created.body.id);
  });

  it('keeps two instances coherent: a write through one is seen through the other', async () => {
    const config = AppConfig.fromEnv({ ...GENEROUS_LIMITS, DATABASE_URL: t.db.url, REDIS_KEY_PREFIX: t.app.get(AppConfig).redis.keyPrefix, LOG_LEVEL: 'silent', PROCESS_ROLE: 'api', DATABASE_POOL_SIZE: '2' });
    const second = await createApp(config);
    await second.listen({ host: '127.0.0.1', port: 0 });
    await redisReady(second);
    const address = second.getHttpServer().address() as { port: number };
    const viaSecond = async (path: string) => {
      const res = await fetch(`http://127.0.0.1:${address.port}${path}`);
      return { cache: res.headers.get('x-cache'), body: (await res.json()) as { amountCents: number; version: number } };
    };
    try {
      await viaSecond(`/contracts/${contract.id}`);
      const cached = await viaSecond(`/contracts/${contract.id}`);
      expect(cached.cache).toBe('HIT');
      await t.request(`/contracts/${contract.id}`, { method: 'PATCH', headers: t.as('editor'), json: { version: cached.body.version, amountCents: 4242 } });
      // The bus carries the new tag version; allow it a few milliseconds.
      let seen = cached;
      for (let i = 0; i < 50 && seen.body.amountCents !== 4242; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        seen = await viaSecond(`/contracts/${contract.id}`);
      }
      expect(seen.body.amountCents).toBe(4242);
    } finally {
      await second.close();
    }
  });

  it('runs the handler once for a burst of misses across two instances; the rest wait for it', async () => {
    const config = AppConfig.fromEnv({ ...GENEROUS_LIMITS, DATABASE_URL: t.db.url, REDIS_KEY_PREFIX: t.app.get(AppConfig).redis.keyPrefix, LOG_LEVEL: 'silent', PROCESS_ROLE: 'api', DATABASE_POOL_SIZE: '2' });
    const second = await createApp(config);
    await second.listen({ host: '127.0.0.1', port: 0 });
    await redisReady(second);
    const { port } = second.getHttpServer().address() as { port: number };
    try {
      const path = `/contracts?supplier=${supplier}&limit=7`;
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? fetch(`${t.baseUrl}${path}`) : fetch(`http://127.0.0.1:${port}${path}`))),
      );
      const states = responses.map((r) => r.headers.get('x-cache'));
      expect(responses.every((r) => r.status === 200)).toBe(true);
      expect(states.filter((s) => s === 'MISS')).toHaveLength(1);
      expect(states.filter((s) => s === 'HIT')).toHaveLength(19);
      expect(new Set(await Promise.all(responses.map((r) => r.text()))).size).toBe(1);
    } finally {
      await second.close();
    }
  });

  it('backs CACHE_MANAGER with the same tiers, so another instance reads what one wrote', async () => {
    const manager = t.app.get<Cache>(CACHE_MANAGER);
    await manager.set('report:1', { rows: [1, 2, 3] }, 60_000);
    expect(await manager.get('report:1')).toEqual({ rows: [1, 2, 3] });
    const config = AppConfig.fromEnv({ ...GENEROUS_LIMITS, DATABASE_URL: t.db.url, REDIS_KEY_PREFIX: t.app.get(AppConfig).redis.keyPrefix, LOG_LEVEL: 'silent', PROCESS_ROLE: 'api' });
    const second = await createApp(config);
    await second.init();
    try {
      await redisReady(second);
      expect(await second.get<Cache>(CACHE_MANAGER).get('report:1')).toEqual({ rows: [1, 2, 3] });
      await manager.del('report:1');
      expect(await manager.get('report:1')).toBeUndefined();
    } finally {
      await second.close();
    }
  });

  it('after a soft invalidation answers STALE while one request refreshes', async () => {
    const path = `/suppliers/${supplier}`;
    await t.request(path);
    expect((await t.request(path)).headers.get('x-cache')).toBe('HIT');
    await new Promise((resolve) => setTimeout(resolve, 2));
    await t.app.get(TieredCache).invalidateTags([`supplier:${supplier}`], { soft: true });
    const burst = await Promise.all(Array.from({ length: 10 }, () => t.request(path)));
    const states = burst.map((r) => r.headers.get('x-cache'));
    expect(burst.every((r) => r.status === 200)).toBe(true);
    expect(states.filter((s) => s === 'MISS')).toHaveLength(1);
    expect(states.filter((s) => s === 'STALE').length).toBeGreaterThan(0);
    expect((await t.request(path)).headers.get('x-cache')).toBe('HIT');
  });

  it('answers hits through Fastify with CACHE_PRE_ROUTER=false', async () => {
    const config = AppConfig.fromEnv({ ...GENEROUS_LIMITS, DATABASE_URL: t.db.url, REDIS_KEY_PREFIX: `${t.app.get(AppConfig).redis.keyPrefix}:routed`, LOG_LEVEL: 'silent', PROCESS_ROLE: 'api', CACHE_PRE_ROUTER: 'false' });
    const routed = await createApp(config);
    await routed.listen({ host: '127.0.0.1', port: 0 });
    try {
      const url = `http://127.0.0.1:${(routed.getHttpServer().address() as { port: number }).port}/contracts/${contract.id}`;
      expect((await fetch(url)).headers.get('x-cache')).toBe('MISS');
      const hit = await fetch(url, { headers: { 'x-request-id': 'routed-1' } });
      expect(hit.headers.get('x-cache')).toBe('HIT');
      expect(hit.headers.get('x-request-id')).toBe('routed-1');
      expect(routed.get(PreRouterHits).served).toBe(0);
    } finally {
      await routed.close();
    }
  });

  it('serves every request uncached with CACHE_ENABLED=false', async () => {
    const config = AppConfig.fromEnv({ ...GENEROUS_LIMITS, DATABASE_URL: t.db.url, REDIS_KEY_PREFIX: `${t.app.get(AppConfig).redis.keyPrefix}:off`, LOG_LEVEL: 'silent', PROCESS_ROLE: 'api', CACHE_ENABLED: 'false' });
    const uncached = await createApp(config);
    await uncached.init();
    try {
      const fastify = uncached.getHttpAdapter().getInstance();
      for (let i = 0; i < 2; i++) {
        const res = await fastify.inject({ method: 'GET', url: `/contracts/${contract.id}` });
        expect(res.statusCode).toBe(200);
        expect(res.headers['x-cache']).toBeUndefined();
        expect(res.headers.etag).toBeUndefined();
      }
    } finally {
      await uncached.close();
    }
  });
});

describe('GET /admin/cache/stats', () => {
  const token = 'test-admin-token-0123456789';
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('cache_admin', { ADMIN_TOKEN: token });
  });
  afterAll(() => t.close());

  it('needs the admin role', async () => {
    expect(await t.request('/admin/cache/stats')).toMatchObject({ status: 401, body: { statusCode: 401, code: 'AUTH.REQUIRED' } });
    expect(await t.request('/admin/cache/stats', { headers: { authorization: 'Bearer wrong' } })).toMatchObject({ status: 401, body: { code: 'AUTH.INVALID' } });
    expect(await t.request('/admin/cache/stats', { headers: t.as('analyst') })).toMatchObject({ status: 403, body: { code: 'AUTH.FORBIDDEN' } });
  });

  it('counts hits per tier and namespace, misses and the hit ratio', async () => {
    await t.request('/contracts?limit=3');
    await t.request('/contracts?limit=3');
    await t.request('/contracts?limit=3');
    const res = await t.request('/admin/cache/stats', { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.body.namespaces.api).toEqual({ l1Hits: 2, l2Hits: 0, misses: 1, hitRatio: 0.6667, ttlSeconds: 300 });
    expect(res.body.l1.items).toBeGreaterThanOrEqual(1);
    expect(res.body.l1.bytes).toBeGreaterThan(0);
  });

  it('takes an admin key without ADMIN_TOKEN, and refuses an empty bearer', async () => {
    const other = await startTestApp('cache_noadmin');
    try {
      expect(await other.request('/admin/cache/stats', { headers: { authorization: 'Bearer ' } })).toMatchObject({ status: 401, body: { code: 'AUTH.INVALID' } });
      expect((await other.request('/admin/cache/stats', { headers: other.as('admin') })).status).toBe(200);
    } finally {
      await other.close();
    }
  });
});

describe('stale on error', () => {
  let t: TestApp;
  let id: string;
  beforeAll(async () => {
    t = await startTestApp('cache_stale', { CACHE_TTL_API: '1', CACHE_GRACE: '60', DATABASE_POOL_SIZE: '1', DATABASE_MAX_OVERFLOW: '0', DATABASE_ACQUIRE_TIMEOUT_MS: '200' });
    const fx = new Fixtures(t.db.client);
    id = (await fx.contract({ agencyId: await fx.agency(), supplierId: await fx.supplier() })).id;
  });
  afterAll(() => t.close());

  it('answers an expired entry within its grace period, marked STALE, when the handler fails', async () => {
    const first = await t.request(`/contracts/${id}`);
    expect(first.headers.get('x-cache')).toBe('MISS');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const holder = t.app.get<DataSource>(getDataSourceToken()).createQueryRunner();
    await holder.connect();
    try {
      const stale = await t.request(`/contracts/${id}`);
      expect(stale.status).toBe(200);
      expect(stale.headers.get('x-cache')).toBe('STALE');
      expect(stale.body).toEqual(first.body);
    } finally {
      await holder.release();
    }
    const recovered = await t.request(`/contracts/${id}`);
    expect(recovered.headers.get('x-cache')).toBe('MISS');
    expect((await t.request(`/contracts/${id}`)).headers.get('x-cache')).toBe('HIT');
  });
});
