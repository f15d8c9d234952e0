import { connect } from 'node:net';
import { Client } from 'pg';
import { Fixtures } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const ORIGIN = 'https://app.example.org';
const error = (statusCode: number, code: string) => ({ statusCode, code, message: expect.any(String) });

/** Sends `request` as written on a fresh socket and returns what the server wrote before closing it. */
function rawHttp(baseUrl: string, request: string): Promise<{ status: number; headers: string; body: unknown }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(request));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const [head, ...rest] = text.split('\r\n\r\n');
      const bodyText = rest.join('\r\n\r\n');
      let body: unknown = bodyText;
      try {
        body = JSON.parse(bodyText);
      } catch {
        // Not JSON: the assertion below shows it.
      }
      resolve({ status: Number(head.split(' ')[1]), headers: head.toLowerCase(), body });
    });
  });
}

describe('HTTP exposure', () => {
  let t: TestApp;
  let fx: Fixtures;

  beforeAll(async () => {
    t = await startTestApp('exposure', { CORS_ORIGINS: `${ORIGIN}, https://other.example.org:8443` });
    fx = new Fixtures(t.db.client);
  });
  afterAll(() => t.close());

  describe("Fastify's and Node's own rejections, in the standard error body", () => {
    it('a URL over 8 KB is 414 REQUEST.URL_TOO_LONG; past Node\'s 16 KB header limit, 431 REQUEST.HEADERS_TOO_LARGE', async () => {
      const long = await t.request(`/contracts?category=${'a'.repeat(9000)}`);
      expect([long.status, long.body]).toEqual([414, error(414, 'REQUEST.URL_TOO_LONG')]);
      const huge = await rawHttp(t.baseUrl, `GET /contracts?category=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
      expect([huge.status, huge.body]).toEqual([431, error(431, 'REQUEST.HEADERS_TOO_LARGE')]);
    });

    it.each([
      ['a space in the URL', 'GET /cont racts HTTP/1.1\r\nHost: x\r\n\r\n'],
      ['a control character in the URL', 'GET /contracts\u0001 HTTP/1.1\r\nHost: x\r\n\r\n'],
      ['a bad header name', 'GET /contracts HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n'],
      ['a bad header value', 'GET /contracts HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\n\r\n'],
      ['a method Node does not know', 'FOO /contracts HTTP/1.1\r\nHost: x\r\n\r\n'],
      ['two lengths', 'POST /contracts HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n{}'],
      ['a length and chunked', 'POST /contracts HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'],
    ])('%s is 400 REQUEST.MALFORMED', async (_label, request) => {
      const res = await rawHttp(t.baseUrl, request);
      expect([res.status, res.body]).toEqual([400, error(400, 'REQUEST.MALFORMED')]);
      expect(res.headers).toContain('x-content-type-options: nosniff');
    });

    it.each(['/contracts/%', '/contracts/%E0%A4%A', '/agencies/%zz/stats'])('invalid percent-encoding in the path (%s) is 400 REQUEST.BAD_URL', async (path) => {
      const res = await t.request(path);
      expect([res.status, res.body]).toEqual([400, error(400, 'REQUEST.BAD_URL')]);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    });

    it('an unrouted method or path is 404 ROUTE.NOT_FOUND, an over-long path parameter too', async () => {
      for (const method of ['PUT', 'DELETE', 'PROPFIND']) expect((await t.request('/contracts', { method })).body).toEqual(error(404, 'ROUTE.NOT_FOUND'));
      const res = await t.request(`/contracts/${'a'.repeat(300)}`);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.body).toMatchObject({ statusCode: res.status, code: expect.any(String) });
    });

    it('a body of another media type is 415, a body that is no JSON 400 REQUEST.MALFORMED_JSON', async () => {
      expect((await t.request('/investigations', { method: 'POST', body: '<a/>', headers: { 'content-type': 'application/xml', ...t.as('analyst') } })).body).toEqual(error(415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE'));
      expect((await t.request('/investigations', { method: 'POST', body: '{', headers: { 'content-type': 'application/json', ...t.as('analyst') } })).body).toEqual(error(400, 'REQUEST.MALFORMED_JSON'));
    });
  });

  describe('security headers', () => {
    it('JSON responses carry the API profile (nothing loads or frames from them), errors included', async () => {
      for (const res of [await t.request('/contracts'), await t.request('/nope'), await t.request('/contracts?limit=0')]) {
        expect(res.headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'");
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('x-frame-options')).toBe('DENY');
        expect(res.headers.get('referrer-policy')).toBe('no-referrer');
        expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
        expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
        // Helmet's headers that act only on HTML documents are left out of the API profile.
        for (const name of ['cross-origin-opener-policy', 'origin-agent-cluster', 'x-dns-prefetch-control', 'x-download-options', 'x-permitted-cross-domain-policies', 'x-xss-protection']) expect([name, res.headers.get(name)]).toEqual([name, null]);
      }
    });

    it('/docs still serves swagger-ui, under a CSP that lets its own scripts and styles load', async () => {
      const page = await t.request('/docs');
      expect(page.status).toBe(200);
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect((await t.request('/docs/swagger-ui-init.js')).status).toBe(200);
    });

    it('the public OpenAPI document leaves out the admin routes and the queue board; the admin one, for admins only, has them', async () => {
      const paths = Object.keys((await t.request('/docs/json')).body.paths);
      expect(paths).toEqual(expect.arrayContaining(['/contracts', '/contracts/{id}', '/investigations']));
      expect(paths.filter((p) => p.startsWith('/admin'))).toEqual([]);
      expect(await t.request('/admin/docs/json')).toMatchObject({ status: 401, body: { code: 'AUTH.REQUIRED' } });
      const admin = await t.request('/admin/docs/json', { headers: t.as('admin') });
      expect(Object.keys(admin.body.paths)).toEqual(expect.arrayContaining(['/contracts', '/admin/cache/stats', '/admin/agents']));
      expect((await t.request('/admin/docs/yaml', { headers: t.as('admin') })).status).toBe(200);
    });

    it('echoes an allowed origin, answers its preflight, and ignores other origins', async () => {
      const res = await t.request('/contracts', { headers: { origin: ORIGIN } });
      expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(res.headers.get('access-control-expose-headers')).toContain('etag');
      expect(res.headers.get('vary')).toContain('Origin');
      const preflight = await t.request('/contracts', { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-methods')).toContain('PATCH');
      expect(preflight.headers.get('access-control-allow-headers')).toContain('content-type');
      expect((await t.request('/contracts', { headers: { origin: 'https://evil.example' } })).headers.get('access-control-allow-origin')).toBeNull();
      // Errors an allowed origin must be able to read carry it too.
      expect((await t.request('/contracts?limit=0', { headers: { origin: ORIGIN } })).headers.get('access-control-allow-origin')).toBe(ORIGIN);
    });

    it('pre-routed cache hits carry the security headers and CORS, as routed answers do', async () => {
      const contract = await fx.contract({ agencyId: await fx.agency(), supplierId: await fx.supplier() });
      const get = () => t.request(`/contracts/${contract.id}`, { headers: { origin: ORIGIN } });
      await get();
      const hit = await get();
      expect(hit.headers.get('x-cache')).toBe('HIT');
      expect(hit.headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'");
      expect(hit.headers.get('x-frame-options')).toBe('DENY');
      expect(hit.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    });

    it('a cached route refuses a query it does not take, hit or not', async () => {
      const contract = await fx.contract({ agencyId: await fx.agency(), supplierId: await fx.supplier() });
      await t.request(`/contracts/${contract.id}`);
      expect((await t.request(`/contracts/${contract.id}?toString=1`)).body).toEqual(error(400, 'REQUEST.INVALID'));
    });
  });

  describe('no CORS_ORIGINS, DOCS_ENABLED=false, the public statement timeout and a failing readiness', () => {
    let other: TestApp;
    let blocker: Client;

    beforeAll(async () => {
      other = await startTestApp('exposure-2', {
        DOCS_ENABLED: 'false',
        DATABASE_PUBLIC_STATEMENT_TIMEOUT_MS: '300',
        DATABASE_STATEMENT_TIMEOUT_MS: '60000',
        REQUEST_TIMEOUT: '30',
        // Nothing listens there: readiness fails on Redis.
        REDIS_URL: 'redis://:not-for-clients@127.0.0.1:1/0',
        REDIS_CONNECT_TIMEOUT_MS: '200',
        CACHE_ENABLED: 'false',
      });
      blocker = new Client({ connectionString: other.db.url });
      await blocker.connect();
    });
    afterAll(async () => {
      await blocker.end();
      await other.close();
    });

    it('sends no CORS header and answers no preflight while CORS_ORIGINS is empty', async () => {
      const res = await other.request('/contracts', { headers: { origin: ORIGIN } });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect((await other.request('/contracts', { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'GET' } })).status).toBe(404);
    });

    it('serves no /docs, nor the admin document, when DOCS_ENABLED=false', async () => {
      expect((await other.request('/docs')).status).toBe(404);
      expect((await other.request('/docs/json')).status).toBe(404);
      expect((await other.request('/admin/docs/json', { headers: other.as('admin') })).status).toBe(404);
    });

    it('a public read past DATABASE_PUBLIC_STATEMENT_TIMEOUT_MS answers 503 DATABASE.UNAVAILABLE, not a 500 or a wait for the jobs limit', async () => {
      const fixtures = new Fixtures(blocker);
      const contract = await fixtures.contract({ agencyId: await fixtures.agency(), supplierId: await fixtures.supplier() });
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE contracts IN ACCESS EXCLUSIVE MODE');
      try {
        const res = await other.request(`/contracts/${contract.id}`);
        expect(res.body).toEqual({ statusCode: 503, code: 'DATABASE.UNAVAILABLE', message: 'Database unavailable: query exceeded the statement timeout' });
      } finally {
        await blocker.query('ROLLBACK');
      }
      expect((await other.request(`/contracts/${contract.id}`)).status).toBe(200);
    }, 15_000);

    it('readiness names the failing part without the driver\'s message', async () => {
      const res = await other.request('/health/ready');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ statusCode: 503, code: 'HEALTH.NOT_READY', message: 'Not ready: redis unavailable' });
      expect(JSON.stringify(res.body)).not.toMatch(/connection is|ECONNREFUSED|127\.0\.0\.1|not-for-clients/);
    });
  });
});
