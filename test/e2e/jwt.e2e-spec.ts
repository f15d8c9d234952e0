import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Fixtures } from '../support/fixtures.js';
import { freePort } from '../support/free-port.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type SigningKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

const ISSUER = 'https://idp.example.test';
const AUDIENCE = 'hotpath-api';

describe('bearer JWTs from an identity provider (JWKS served locally)', () => {
  let jwks: Server;
  let t: TestApp;
  let signingKey: SigningKey;
  let otherKey: SigningKey;
  let agencyId: string;
  let supplierId: string;

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    signingKey = pair.privateKey;
    otherKey = (await generateKeyPair('ES256')).privateKey;
    const published = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'ES256', use: 'sig' }] };
    jwks = createServer((request, response) => {
      if (request.url !== '/.well-known/jwks.json') return void response.writeHead(404).end();
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(published));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const { port } = jwks.address() as AddressInfo;
    t = await startTestApp('jwt', { AUTH_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json`, AUTH_JWT_ISSUER: ISSUER, AUTH_JWT_AUDIENCE: AUDIENCE, AUTH_JWT_ROLES_CLAIM: 'hotpath_roles' });
    const fx = new Fixtures(t.db.client);
    [agencyId, supplierId] = [await fx.agency(), await fx.supplier()];
  });
  afterAll(async () => {
    await t?.close();
    await new Promise((resolve) => jwks?.close(resolve));
  });

  const token = (claims: JWTPayload, options: { key?: SigningKey; issuer?: string; audience?: string; expiresIn?: string | number } = {}) => {
    const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'key-1' }).setIssuedAt().setIssuer(options.issuer ?? ISSUER).setAudience(options.audience ?? AUDIENCE);
    return jwt.setExpirationTime(options.expiresIn ?? '5m').sign(options.key ?? signingKey);
  };
  const bearer = async (jwt: Promise<string>) => ({ authorization: `Bearer ${await jwt}` });
  const createContract = async (headers: Record<string, string>) =>
    t.request('/contracts', { method: 'POST', headers, json: { agencyId, supplierId, category: 'energy', procurementMethod: 'open', amountCents: 10, currency: 'EUR', signedAt: '2025-01-01T00:00:00Z', status: 'active' } });

  it('accepts a valid token with a role from the claim, and attributes the write to jwt:<subject>', async () => {
    const headers = await bearer(token({ sub: 'alice@newsroom', hotpath_roles: ['editor', 'unknown-role'] }));
    const created = await createContract(headers);
    expect(created.status).toBe(201);
    // The same token again: remembered, no second verification needed.
    expect((await createContract(headers)).status).toBe(201);
    const { rows } = await t.db.client.query("SELECT DISTINCT actor FROM event_log WHERE type = 'contract.created'");
    expect(rows).toEqual([{ actor: 'jwt:alice@newsroom' }]);
  });

  it('reads roles given as a space-separated string', async () => {
    const headers = await bearer(token({ sub: 'bob', hotpath_roles: 'analyst' }));
    expect((await t.request('/investigations', { method: 'POST', headers, json: { agents: ['benford'] } })).status).toBe(202);
    expect(await createContract(headers)).toMatchObject({ status: 403, body: { code: 'AUTH.FORBIDDEN' } });
  });

  it('lets a token without roles read, and refuses it writes with 403', async () => {
    const headers = await bearer(token({ sub: 'reader' }));
    expect((await t.request('/contracts', { headers })).status).toBe(200);
    expect(await createContract(headers)).toMatchObject({ status: 403, body: { code: 'AUTH.FORBIDDEN' } });
  });

  it.each([
    ['another audience', () => token({ sub: 'x', hotpath_roles: ['admin'] }, { audience: 'someone-else' })],
    ['another issuer', () => token({ sub: 'x', hotpath_roles: ['admin'] }, { issuer: 'https://evil.test' })],
    ['an expired token', () => token({ sub: 'x', hotpath_roles: ['admin'] }, { expiresIn: Math.floor(Date.now() / 1000) - 600 })],
    ['a key the provider does not publish', () => token({ sub: 'x', hotpath_roles: ['admin'] }, { key: otherKey })],
    ['no subject', () => token({ hotpath_roles: ['admin'] })],
  ])('refuses %s with 401 AUTH.INVALID, on public routes too', async (_name, make) => {
    const headers = await bearer(make());
    expect(await createContract(headers)).toMatchObject({ status: 401, body: { code: 'AUTH.INVALID' } });
    expect(await t.request('/contracts', { headers })).toMatchObject({ status: 401, body: { code: 'AUTH.INVALID' } });
  });

  it('answers 503 AUTH.UNAVAILABLE, not 401, while the signing keys cannot be fetched', async () => {
    const closedPort = await freePort();
    const other = await startTestApp('jwt_no_idp', { AUTH_JWKS_URL: `http://127.0.0.1:${closedPort}/jwks.json`, AUTH_JWT_ISSUER: ISSUER, AUTH_JWT_AUDIENCE: AUDIENCE });
    try {
      const headers = await bearer(token({ sub: 'alice', roles: ['editor'] }));
      expect(await other.request('/contracts', { headers })).toMatchObject({ status: 503, body: { code: 'AUTH.UNAVAILABLE' } });
    } finally {
      await other.close();
    }
  });
});
