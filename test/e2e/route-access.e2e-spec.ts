import type { FastifyInstance, HTTPMethods } from 'fastify';
import { ApiKeysService, type PolicedRoute, type Role, RoutePolicies } from '../../src/platform/auth/index.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Access = 'public' | Role;

/**
 * Who may call each route: the decision for every route the app has. A route missing here
 * (a new endpoint) fails the test until someone decides. Keys are `METHOD /url` (HEAD follows
 * the GET of its URL); a `/**` key covers a subtree a plugin owns, whose routes follow its
 * releases.
 */
const ACCESS: Readonly<Record<string, Access>> = {
  'GET /health/live': 'public',
  'GET /health/ready': 'public',
  'GET /contracts': 'public',
  'GET /contracts/:id': 'public',
  'GET /contracts/:id/history': 'public',
  'POST /contracts': 'editor',
  'PATCH /contracts/:id': 'editor',
  'GET /agencies': 'public',
  'GET /agencies/:id': 'public',
  'GET /agencies/:id/stats': 'public',
  'GET /suppliers/:id': 'public',
  'GET /suppliers/:id/stats': 'public',
  'POST /investigations': 'analyst',
  'GET /investigations': 'public',
  'GET /investigations/:id': 'public',
  'GET /admin/agents': 'admin',
  'GET /admin/cache/stats': 'admin',
  'POST /admin/cache/warm': 'admin',
  'GET /admin/cache/warm/:id': 'admin',
  'GET /admin/events/streams': 'admin',
  'GET /admin/events/dead-letters': 'admin',
  'POST /admin/events/dead-letters/:id/replay': 'admin',
  'GET /admin/health': 'admin',
  'GET /admin/monitoring/redis/performance': 'admin',
  'GET /admin/monitoring/redis/connections': 'admin',
  'GET /admin/monitoring/cache': 'admin',
  'GET /admin/monitoring/pools': 'admin',
  'GET /admin/alerts': 'admin',
  '* /docs/**': 'public',
  '* /docs-yaml/**': 'public',
  '* /admin/queues/**': 'admin',
  '* /admin/docs/**': 'admin',
};

const CALLERS = ['anonymous', 'editor', 'analyst', 'admin', 'bad key'] as const;
type Caller = (typeof CALLERS)[number];
/** What a caller gets: let through to the handler (any answer but 401/403/500), or refused with this status and code. */
type Outcome = 'through' | '401 AUTH.REQUIRED' | '401 AUTH.INVALID' | '403 AUTH.FORBIDDEN';

function accessOf(method: string, url: string): Access | undefined {
  const own = ACCESS[`${method === 'HEAD' ? 'GET' : method} ${url}`];
  if (own) return own;
  const tree = Object.keys(ACCESS).find((key) => key.startsWith('* ') && (url === key.slice(2, -3) || url.startsWith(key.slice(2, -2))));
  return tree === undefined ? undefined : ACCESS[tree];
}

function expected(access: Access, caller: Caller): Outcome {
  if (caller === 'bad key') return '401 AUTH.INVALID';
  if (access === 'public') return 'through';
  if (caller === 'anonymous') return '401 AUTH.REQUIRED';
  return caller === 'admin' || caller === access ? 'through' : '403 AUTH.FORBIDDEN';
}

/** A concrete URL for a route template: params become an id nothing has, wildcards a name nothing serves. */
const concrete = (url: string) => url.replace(/:\w+/g, '00000000-0000-4000-8000-000000000000').replace(/\*/g, 'none');

describe('access to every route, by caller (table-driven over the app\'s route list)', () => {
  let t: TestApp;
  let routes: readonly PolicedRoute[];
  let unknownKey: string;

  beforeAll(async () => {
    t = await startTestApp('route_access', { ADMIN_TOKEN: 'route-access-admin-token-0123' });
    routes = t.app.get(RoutePolicies).routes;
    // Well-formed, but revoked: refused like any unknown key.
    const revoked = await t.app.get(ApiKeysService).create('revoked', 'admin');
    await t.app.get(ApiKeysService).revoke(revoked.id);
    unknownKey = revoked.key;
  });
  afterAll(() => t.close());

  it('reads the route list from Fastify, every route of which it can find', () => {
    const fastify = t.app.getHttpAdapter().getInstance() as FastifyInstance;
    expect(routes.length).toBeGreaterThan(20);
    // `/docs/` is found as `/docs` (trailing slashes are ignored).
    const found = (method: string, url: string) => fastify.hasRoute({ method: method as HTTPMethods, url }) || fastify.hasRoute({ method: method as HTTPMethods, url: url.replace(/\/$/, '') });
    expect(routes.filter((r) => !found(r.method, r.url))).toEqual([]);
  });

  it('has a decision for every route, and every decision names a route', () => {
    expect(routes.filter((r) => accessOf(r.method, r.url) === undefined).map((r) => `${r.method} ${r.url}`)).toEqual([]);
    const named = Object.keys(ACCESS).filter((key) => !key.startsWith('* '));
    expect(named.filter((key) => !routes.some((r) => `${r.method} ${r.url}` === key))).toEqual([]);
  });

  it('answers each caller of each route as the table says', async () => {
    const headers: Record<Caller, Record<string, string>> = {
      anonymous: {},
      editor: t.as('editor'),
      analyst: t.as('analyst'),
      admin: t.as('admin'),
      'bad key': { authorization: `Bearer ${unknownKey}` },
    };
    const mismatches: string[] = [];
    for (const route of routes) {
      const access = accessOf(route.method, route.url);
      if (access === undefined) continue;
      for (const caller of CALLERS) {
        const withBody = route.method === 'POST' || route.method === 'PATCH' || route.method === 'PUT';
        const response = await fetch(`${t.baseUrl}${concrete(route.url)}`, {
          method: route.method,
          headers: { ...headers[caller], ...(withBody ? { 'content-type': 'application/json' } : {}) },
          body: withBody ? '{}' : undefined,
        });
        const text = await response.text();
        const code = response.status === 401 || response.status === 403 ? (route.method === 'HEAD' ? (response.status === 403 ? 'AUTH.FORBIDDEN' : text) : (JSON.parse(text) as { code: string }).code) : '';
        const got: Outcome | string = response.status === 401 || response.status === 403 ? `${response.status} ${code}` : response.status >= 500 && response.status !== 503 ? `${response.status}` : 'through';
        const want = expected(access, caller);
        // HEAD has no body to read the code from: the status says enough.
        const same = route.method === 'HEAD' ? got.split(' ')[0] === want.split(' ')[0] : got === want;
        if (!same) mismatches.push(`${route.method} ${route.url} as ${caller}: ${got}, expected ${want}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
