import { Controller, Get, type INestApplication, Module, Post } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AllExceptionsFilter } from '../../http/all-exceptions.filter.js';
import { RequestGates } from '../../http/gates/request-gates.js';
import { ApiKeyResolver } from '../api-keys/api-key-resolver.js';
import { generateApiKey } from '../api-keys/api-key-token.js';
import { AUTH_OPTIONS } from '../auth.module-definition.js';
import { MissingRoutePolicyError } from '../auth.errors.js';
import { AdminToken } from '../credentials/admin-token.js';
import { CredentialResolver } from '../credentials/credential-resolver.js';
import { Actor } from '../decorators/actor.decorator.js';
import { Public } from '../decorators/public.decorator.js';
import { Roles } from '../decorators/roles.decorator.js';
import { knownIdentity } from '../identity.js';
import { RoutePolicies } from '../route-policies.js';
import { AuthorizationGate } from './authorization.gate.js';
import { IdentityGate } from './identity.gate.js';

const ADMIN_TOKEN = 'gates-admin-token-0123456789';
const editor = generateApiKey();
const analyst = generateApiKey();

@Public()
@Controller('things')
class ThingsController {
  @Get()
  list(@Actor() actor: string | null): { actor: string | null } {
    return { actor };
  }

  @Post()
  @Roles('editor')
  create(@Actor() actor: string | null): { actor: string | null } {
    return { actor };
  }
}

@Controller('admin/things')
@Roles('admin')
class AdminThingsController {
  @Get()
  list(): { ok: true } {
    return { ok: true };
  }
}

@Controller('loose')
class UnmarkedController {
  @Get()
  get(): string {
    return 'nobody decided';
  }
}

function keyRecord(made: ReturnType<typeof generateApiKey>, role: 'editor' | 'analyst') {
  return { id: made.id, secretHash: made.secretHash, revoked: false, identity: knownIdentity('key', `key:${made.id}`, [role]) };
}

function testModule(controllers: (new () => unknown)[]) {
  const records = new Map([keyRecord(editor, 'editor'), keyRecord(analyst, 'analyst')].map((r) => [r.id, r]));
  const resolver = new ApiKeyResolver({ find: async (id) => records.get(id) }, { maxKeys: 10, ttlMs: 60_000, maxUnknown: 10, unknownTtlMs: 60_000 });
  const admin = new AdminToken(ADMIN_TOKEN);
  @Module({
    imports: [DiscoveryModule],
    controllers,
    providers: [
      RequestGates,
      { provide: AUTH_OPTIONS, useValue: { adminToken: ADMIN_TOKEN, prefixPolicies: { '/plugin': 'public', '/plugin/private': ['admin'] } } },
      { provide: AdminToken, useValue: admin },
      { provide: CredentialResolver, useValue: new CredentialResolver(admin, resolver, undefined) },
      IdentityGate,
      AuthorizationGate,
      RoutePolicies,
    ],
  })
  class TestModule {}
  return TestModule;
}

async function start(controllers: (new () => unknown)[]): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(testModule(controllers), new FastifyAdapter(), { logger: false, abortOnError: false });
  app.useGlobalFilters(new AllExceptionsFilter());
  const fastify = app.getHttpAdapter().getInstance();
  // Routes Nest does not own, as plugins add them.
  fastify.get('/plugin/page', async () => ({ page: true }));
  fastify.get('/plugin/private/page', async () => ({ secret: true }));
  await app.init();
  await fastify.ready();
  return app;
}

describe('identity and authorization gates', () => {
  let app: NestFastifyApplication;
  const call = (method: 'GET' | 'POST', url: string, authorization?: string, cookie?: string) =>
    app.inject({ method, url, headers: { ...(authorization ? { authorization } : {}), ...(cookie ? { cookie } : {}) } });
  const bearer = (token: string) => `Bearer ${token}`;

  beforeAll(async () => {
    app = await start([ThingsController, AdminThingsController]);
  });
  afterAll(() => app.close());

  it('lets anyone read a public route, and attributes nothing to an anonymous caller', async () => {
    const res = await call('GET', '/things');
    expect([res.statusCode, res.json()]).toEqual([200, { actor: null }]);
  });

  it('answers 401 AUTH.REQUIRED without credentials where a role is needed, with a challenge', async () => {
    const res = await call('POST', '/things');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ statusCode: 401, code: 'AUTH.REQUIRED' });
    expect(res.headers['www-authenticate']).toBe('Bearer realm="Hotpath"');
    expect((await call('GET', '/admin/things')).headers['www-authenticate']).toContain('Basic realm="Hotpath admin"');
  });

  it('answers 401 AUTH.INVALID for refused credentials on any route, public ones included', async () => {
    for (const [method, url] of [['GET', '/things'], ['POST', '/things'], ['GET', '/admin/things']] as const) {
      for (const authorization of [bearer(`${editor.key.slice(0, 20)}${'x'.repeat(43)}`), bearer(generateApiKey().key), 'Token abc', bearer('not-a-known-token')]) {
        const res = await call(method, url, authorization);
        expect([method, url, authorization, res.statusCode, res.json().code]).toEqual([method, url, authorization, 401, 'AUTH.INVALID']);
      }
    }
  });

  it('answers 403 AUTH.FORBIDDEN to a role the route does not allow, and lets the right one through with its actor', async () => {
    expect((await call('POST', '/things', bearer(analyst.key))).json()).toMatchObject({ statusCode: 403, code: 'AUTH.FORBIDDEN' });
    expect((await call('GET', '/admin/things', bearer(editor.key))).statusCode).toBe(403);
    const created = await call('POST', '/things', bearer(editor.key));
    expect([created.statusCode, created.json()]).toEqual([201, { actor: `key:${editor.id}` }]);
  });

  it('takes the admin token as bearer, basic-auth password or cookie, for every role', async () => {
    const basic = `Basic ${Buffer.from(`ops:${ADMIN_TOKEN}`).toString('base64')}`;
    expect((await call('POST', '/things', bearer(ADMIN_TOKEN))).json()).toEqual({ actor: 'admin-token' });
    expect((await call('GET', '/admin/things', basic)).statusCode).toBe(200);
    expect((await call('GET', '/admin/things', undefined, `hotpath_admin=${ADMIN_TOKEN}`)).statusCode).toBe(200);
    expect((await call('GET', '/admin/things', undefined, 'hotpath_admin=%')).json()).toMatchObject({ code: 'AUTH.REQUIRED' });
  });

  it('applies the longest prefix policy to routes Nest does not own', async () => {
    expect((await call('GET', '/plugin/page')).statusCode).toBe(200);
    expect((await call('GET', '/plugin/private/page')).statusCode).toBe(401);
    expect((await call('GET', '/plugin/private/page', bearer(ADMIN_TOKEN))).statusCode).toBe(200);
  });

  it('lets a request no route matched reach the 404', async () => {
    expect((await call('GET', '/nowhere', bearer('bad'))).statusCode).toBe(404);
  });

  it('lists every route with its policy', () => {
    const routes = app.get(RoutePolicies).routes.map((r) => `${r.method} ${r.url} ${r.policy.public ? 'public' : r.policy.roles.join('|')}`);
    expect(routes).toEqual(expect.arrayContaining(['GET /things public', 'POST /things editor', 'GET /admin/things admin', 'GET /plugin/private/page admin', 'HEAD /plugin/page public']));
  });

  it('refuses to start when a route has no policy, naming it', async () => {
    let app2: INestApplication | undefined;
    await expect(
      (async () => {
        app2 = await start([ThingsController, UnmarkedController]);
      })(),
    ).rejects.toThrow(new MissingRoutePolicyError('GET /loose has no access policy: mark it (or its controller) @Public() or @Roles(...), or cover its path with a prefix policy of AuthModule'));
    await app2?.close();
  });
});
