import { startTestApp, type TestApp } from '../support/test-app.js';

describe('queue board at /admin/queues', () => {
  const token = 'board-admin-token-0123456789';
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp('board', { ADMIN_TOKEN: token });
  });
  afterAll(() => t.close());

  it('answers 401 JSON without credentials, asking a browser for basic auth', async () => {
    for (const path of ['/admin/queues', '/admin/queues/api/queues']) {
      const res = await t.request(path);
      expect([res.status, res.body.code]).toEqual([401, 'AUTH.REQUIRED']);
      expect(res.headers.get('www-authenticate')).toContain('Basic realm=');
    }
    const wrong = await t.request('/admin/queues', { headers: { authorization: 'Bearer wrong-token-0123456789' } });
    expect([wrong.status, wrong.body.code]).toEqual([401, 'AUTH.INVALID']);
  });

  it('answers 403 to a key without the admin role', async () => {
    const res = await t.request('/admin/queues/api/queues', { headers: t.as('editor') });
    expect([res.status, res.body.code]).toEqual([403, 'AUTH.FORBIDDEN']);
  });

  it('serves the board and its API with the admin token as bearer, basic-auth password or cookie, or an admin key', async () => {
    const page = await t.request('/admin/queues', { headers: { authorization: `Bearer ${token}` } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const basic = `Basic ${Buffer.from(`ops:${token}`).toString('base64')}`;
    const api = await t.request('/admin/queues/api/queues', { headers: { authorization: basic } });
    expect(api.status).toBe(200);
    expect(api.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(['cache-warm', 'investigations', 'maintenance']);
    expect((await t.request('/admin/queues', { headers: { cookie: `hotpath_admin=${token}` } })).status).toBe(200);
    expect((await t.request('/admin/queues/api/queues', { headers: t.as('admin') })).status).toBe(200);
  });

  it('treats a malformed or wrong cookie as no credentials: 401, never 500', async () => {
    for (const cookie of ['hotpath_admin=%', 'hotpath_admin=%E0%A4%A', 'hotpath_admin=wrong', 'hotpath_admin']) {
      const res = await t.request('/admin/queues/api/queues', { headers: { cookie } });
      expect([cookie, res.status, res.body.code]).toEqual([cookie, 401, 'AUTH.REQUIRED']);
    }
  });

  it('without ADMIN_TOKEN, takes admin keys only', async () => {
    const other = await startTestApp('board_noadmin');
    try {
      expect(await other.request('/admin/queues', { headers: { authorization: 'Bearer board-admin-token-0123456789' } })).toMatchObject({ status: 401, body: { code: 'AUTH.INVALID' } });
      expect((await other.request('/admin/queues/api/queues', { headers: other.as('admin') })).status).toBe(200);
    } finally {
      await other.close();
    }
  });
});
