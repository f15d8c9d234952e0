import { startTestApp, type TestApp } from '../support/test-app.js';

describe('queue board at /admin/queues', () => {
  const token = 'board-admin-token-0123456789';
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp('board', { ADMIN_TOKEN: token });
  });
  afterAll(() => t.close());

  it('answers 401 JSON without the token, asking a browser for basic auth', async () => {
    for (const path of ['/admin/queues', '/admin/queues/api/queues']) {
      const res = await t.request(path);
      expect([res.status, res.body.code]).toEqual([401, 'ADMIN.UNAUTHORIZED']);
      expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    }
    expect((await t.request('/admin/queues', { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
  });

  it('serves the board and its API with the token as bearer, basic-auth password or cookie', async () => {
    const page = await t.request('/admin/queues', { headers: { authorization: `Bearer ${token}` } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const basic = `Basic ${Buffer.from(`ops:${token}`).toString('base64')}`;
    const api = await t.request('/admin/queues/api/queues', { headers: { authorization: basic } });
    expect(api.status).toBe(200);
    expect(api.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(['cache-warm', 'investigations', 'maintenance']);
    expect((await t.request('/admin/queues', { headers: { cookie: `hotpath_admin=${token}` } })).status).toBe(200);
  });

  it('answers 503 ADMIN.DISABLED while no admin token is configured', async () => {
    const other = await startTestApp('board_noadmin');
    try {
      const res = await other.request('/admin/queues');
      expect([res.status, res.body.code]).toEqual([503, 'ADMIN.DISABLED']);
    } finally {
      await other.close();
    }
  });
});
