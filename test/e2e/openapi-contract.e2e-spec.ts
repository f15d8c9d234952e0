import SwaggerParser from '@apidevtools/swagger-parser';
import { Injectable } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { AppModule } from '../../src/app.module.js';
import { ADMIN_DOCS_PATH, buildApiDocuments } from '../../src/app.openapi.js';
import { AppConfig } from '../../src/config/index.js';
import { AgentsModule } from '../../src/platform/agents/index.js';
import { ApiKeysService, type Role, RoutePolicies } from '../../src/platform/auth/index.js';
import { EventConsumer } from '../../src/platform/events/index.js';
import { deleteByPrefix, REDIS_CLIENT, RedisModule } from '../../src/platform/redis/index.js';
import { anEvent, publish, type RunningConsumers, startConsumers } from '../support/events.js';
import { Fixtures } from '../support/fixtures.js';
import { OpenApiValidator } from '../support/openapi-validator.js';
import { redisReady, startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

/**
 * The OpenAPI documents against the running app: every route Fastify has is documented (in the
 * public document, or in the admin one if only admins may call it), and for every operation real
 * requests, successful and refused, get answers whose status the document lists for it and whose
 * body and headers conform to it. Every status an operation documents is seen at least once, or
 * the table below says why not.
 */

const SHARDS = 2;
const ENV = {
  // One trusted proxy: each request names its client address, so that only the requests meant to
  // exhaust an anonymous budget (two requests) share one.
  TRUST_PROXY: '1',
  RATE_LIMIT_ANONYMOUS_RPS: '0.001',
  RATE_LIMIT_ANONYMOUS_BURST: '2',
  RATE_LIMIT_ANONYMOUS_WRITE_RPS: '0.001',
  RATE_LIMIT_ANONYMOUS_WRITE_BURST: '2',
  RATE_LIMIT_ANONYMOUS_INVESTIGATION_RPS: '0.001',
  RATE_LIMIT_ANONYMOUS_INVESTIGATION_BURST: '2',
  MAX_REQUEST_SIZE: '4096',
  INVESTIGATIONS_DAILY_QUOTA: '1',
  EVENTS_STREAM_SHARDS: String(SHARDS),
};

/** Subtrees served by plugins, documented in the README rather than in the OpenAPI documents. */
const PLUGIN_SUBTREES: Readonly<Record<string, string>> = {
  '/docs': 'swagger-ui and the public document itself',
  '/docs-yaml': 'the public document as YAML',
  [ADMIN_DOCS_PATH]: 'the admin document itself',
  '/admin/queues': "bull-board's UI and the API behind it, which follow bull-board's releases",
};

/** Statuses documented on every operation that this test cannot provoke, and where they are proven. */
const EVERY_ROUTE_UNEXERCISED: Readonly<Record<string, string>> = {
  '503': 'REQUEST.TIMEOUT, AUTH.UNAVAILABLE, DATABASE.UNAVAILABLE need a handler past its timeout, an unreachable key store or an exhausted pool (platform, jwt and fault tests)',
};
const UNEXERCISED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  replayDeadLetter: { '409': 'EVENTS.DEAD_LETTER_NOT_REPLAYABLE is for a dead letter without an envelope, which the consumers no longer write' },
};

/** Response headers whose presence must be documented on the response that carries them. */
const WATCHED_HEADERS = ['etag', 'cache-control', 'x-cache', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'retry-after', 'location', 'www-authenticate', 'x-request-id', 'vary'];

type Caller = 'anonymous' | Role | 'bad key';
interface Call {
  method?: string;
  path: string;
  as?: Caller;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is, with `contentType`. */
  raw?: string;
  contentType?: string;
  /** Client address (a fresh one when absent). */
  from?: string;
  /** Written on a socket as it is (fetch gives up on a connection Node closes after refusing the request). */
  socket?: boolean;
}
interface Case {
  name: string;
  status: number;
  code?: string;
  call: Call | (() => Promise<Call>);
}
interface Fixture {
  agencyId: string;
  supplierId: string;
  contractId: string;
  investigationId: string;
  warmJobId: string;
  deadLetterId: string;
}

const ok = (call: Case['call'], status = 200): Case => ({ name: 'ok', status, call });
const refused = (status: number, code: string, call: Call): Case => ({ name: code, status, code, call });
const unknownId = () => randomUUID();
const contractBody = (fx: Fixture, overrides: Record<string, unknown> = {}) => ({
  agencyId: fx.agencyId,
  supplierId: fx.supplierId,
  category: 'construction',
  procurementMethod: 'open',
  amountCents: 12_345,
  currency: 'EUR',
  signedAt: '2024-05-01',
  status: 'active',
  ...overrides,
});

describe('the OpenAPI documents, against the running app', () => {
  let t: TestApp;
  let redis: Redis;
  let prefix: string;
  let publicDoc: any;
  let adminDoc: any;
  let validator: OpenApiValidator;
  let badKey: string;
  let fx: Fixture;
  const running: RunningConsumers[] = [];
  let address = 0;
  const freshAddress = () => `10.${(++address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;

  /** Per operation id: its own cases, `ok` first among those that succeed (the refusals every operation gets are added). */
  const SPECIFIC: Record<string, () => Case[]> = {
    healthLive: () => [ok({ path: '/health/live' })],
    healthReady: () => [ok({ path: '/health/ready' })],
    listContracts: () => [
      ok({ path: `/contracts?agency=${fx.agencyId}` }),
      refused(400, 'CONTRACT.INVALID_FILTER', { path: '/contracts?signedFrom=2024-02-01&signedTo=2024-01-01' }),
      refused(400, 'PAGINATION.INVALID_CURSOR', { path: '/contracts?cursor=bm90LWEtY3Vyc29y' }),
    ],
    createContract: () => [
      ok({ method: 'POST', path: '/contracts', as: 'editor', json: contractBody(fx) }, 201),
      refused(400, 'CONTRACT.UNKNOWN_REFERENCE', { method: 'POST', path: '/contracts', as: 'editor', json: contractBody(fx, { agencyId: unknownId() }) }),
    ],
    getContract: () => [ok({ path: `/contracts/${fx.contractId}` }), refused(404, 'CONTRACT.NOT_FOUND', { path: `/contracts/${unknownId()}` })],
    updateContract: () => [
      ok(async () => {
        const current = await t.request(`/contracts/${fx.contractId}`, { headers: { 'x-forwarded-for': freshAddress() } });
        return { method: 'PATCH', path: `/contracts/${fx.contractId}`, as: 'editor' as const, json: { version: current.body.version, category: 'roads' } };
      }),
      refused(409, 'CONTRACT.VERSION_CONFLICT', { method: 'PATCH', path: `/contracts/${fx.contractId}`, as: 'editor', json: { version: 1, category: 'bridges' } }),
      refused(404, 'CONTRACT.NOT_FOUND', { method: 'PATCH', path: `/contracts/${unknownId()}`, as: 'editor', json: { version: 1 } }),
    ],
    getContractHistory: () => [ok({ path: `/contracts/${fx.contractId}/history` }), refused(404, 'CONTRACT.NOT_FOUND', { path: `/contracts/${unknownId()}/history` })],
    listAgencies: () => [ok({ path: '/agencies?limit=5' }), refused(400, 'PAGINATION.INVALID_CURSOR', { path: '/agencies?cursor=bm90LWEtY3Vyc29y' })],
    getAgency: () => [ok({ path: `/agencies/${fx.agencyId}` }), refused(404, 'AGENCY.NOT_FOUND', { path: `/agencies/${unknownId()}` })],
    getAgencyStats: () => [ok({ path: `/agencies/${fx.agencyId}/stats` }), refused(404, 'AGENCY.NOT_FOUND', { path: `/agencies/${unknownId()}/stats` })],
    getSupplier: () => [ok({ path: `/suppliers/${fx.supplierId}` }), refused(404, 'SUPPLIER.NOT_FOUND', { path: `/suppliers/${unknownId()}` })],
    getSupplierStats: () => [ok({ path: `/suppliers/${fx.supplierId}/stats` }), refused(404, 'SUPPLIER.NOT_FOUND', { path: `/suppliers/${unknownId()}/stats` })],
    openInvestigation: () => [
      ok({ method: 'POST', path: '/investigations', as: 'analyst', json: { scope: { category: 'construction' } } }, 202),
      refused(400, 'INVESTIGATION.INVALID_SCOPE', { method: 'POST', path: '/investigations', as: 'analyst', json: { scope: { from: '2024-02-01', to: '2024-01-01' } } }),
      // The quota is one run a day per caller: the analyst opened it above.
      refused(429, 'INVESTIGATIONS.QUOTA_EXCEEDED', { method: 'POST', path: '/investigations', as: 'analyst', json: { scope: { category: 'roads' } } }),
    ],
    listInvestigations: () => [ok({ path: '/investigations' }), refused(400, 'PAGINATION.INVALID_CURSOR', { path: '/investigations?cursor=bm90LWEtY3Vyc29y' })],
    getInvestigation: () => [
      ok({ path: `/investigations/${fx.investigationId}` }),
      refused(404, 'INVESTIGATION.NOT_FOUND', { path: `/investigations/${unknownId()}` }),
    ],
    getAgentPool: () => [
      // An API process runs no pool: none is reported yet.
      refused(503, 'AGENTS.NO_POOL', { path: '/admin/agents', as: 'admin' }),
      ok(async () => {
        running.push(await startConsumers({ REDIS_KEY_PREFIX: prefix, AGENT_POOL_MIN: '1', AGENT_POOL_MAX: '1' }, [], false, [RedisModule, AgentsModule]));
        await waitFor(async () => (await redis.hlen(`${prefix}:agents:reports`)) > 0);
        return { path: '/admin/agents', as: 'admin' as const };
      }),
    ],
    getCacheStats: () => [ok({ path: '/admin/cache/stats', as: 'admin' })],
    getDependencyHealth: () => [ok({ path: '/admin/health', as: 'admin' })],
    getRedisPerformance: () => [ok({ path: '/admin/monitoring/redis/performance', as: 'admin' })],
    getRedisConnections: () => [ok({ path: '/admin/monitoring/redis/connections', as: 'admin' })],
    getCacheReport: () => [ok({ path: '/admin/monitoring/cache', as: 'admin' })],
    getPoolsReport: () => [ok({ path: '/admin/monitoring/pools', as: 'admin' })],
    getAlerts: () => [ok({ path: '/admin/alerts', as: 'admin' })],
    warmCache: () => [ok({ method: 'POST', path: '/admin/cache/warm', as: 'admin' }, 202)],
    getWarmJob: () => [ok({ path: `/admin/cache/warm/${fx.warmJobId}`, as: 'admin' }), refused(404, 'WARM_JOB.NOT_FOUND', { path: '/admin/cache/warm/999999', as: 'admin' })],
    getEventStreams: () => [ok({ path: '/admin/events/streams', as: 'admin' })],
    listDeadLetters: () => [ok({ path: '/admin/events/dead-letters?limit=5', as: 'admin' })],
    replayDeadLetter: () => [
      ok({ method: 'POST', path: `/admin/events/dead-letters/${fx.deadLetterId}/replay`, as: 'admin' }),
      refused(404, 'EVENTS.DEAD_LETTER_NOT_FOUND', { method: 'POST', path: '/admin/events/dead-letters/1-1/replay', as: 'admin' }),
    ],
  };

  beforeAll(async () => {
    t = await startTestApp('openapi', ENV);
    await redisReady(t.app);
    redis = t.app.get<Redis>(REDIS_CLIENT);
    prefix = t.app.get(AppConfig).redis.keyPrefix;
    const revoked = await t.app.get(ApiKeysService).create('revoked', 'admin');
    await t.app.get(ApiKeysService).revoke(revoked.id);
    badKey = revoked.key;

    const rows = new Fixtures(t.db.client);
    const agencyId = await rows.agency();
    const supplierId = await rows.supplier();
    const contract = await rows.contract({ agencyId, supplierId });
    const opened = await t.request('/investigations', { method: 'POST', headers: t.as('admin'), json: { scope: { agencyId } } });
    // Findings as a finished run stores them (no worker runs here), so that their schema is checked too.
    await t.db.client.query(
      `INSERT INTO findings (investigation_id, agent, severity, score, contract_id, supplier_id, agency_id, category, evidence)
       VALUES ($1, 'price-outlier', 'high', 4.2, $2, $3, $4, 'construction', '{"zScore": 4.2}'), ($1, 'supplier-concentration', 'low', 0.6, NULL, $3, $4, NULL, '{}')`,
      [opened.body.id, contract.id, supplierId, agencyId],
    );
    const warm = await t.request('/admin/cache/warm', { method: 'POST', headers: t.as('admin') });
    fx = { agencyId, supplierId, contractId: contract.id, investigationId: opened.body.id, warmJobId: warm.body.id, deadLetterId: await deadLetter() };

    publicDoc = (await t.request('/docs/json')).body;
    adminDoc = (await t.request(`${ADMIN_DOCS_PATH}/json`, { headers: t.as('admin') })).body;
    validator = new OpenApiValidator(adminDoc);
  });
  afterAll(async () => {
    for (const consumers of running) await consumers.close();
    await deleteByPrefix(redis, `${prefix}:`);
    await t.close();
  });

  /** A real dead letter: a consumer whose handler always fails, allowed one delivery. */
  async function deadLetter(): Promise<string> {
    @EventConsumer({ group: 'openapi-projection', aggregateTypes: ['contract'], maxDeliveries: 1 })
    @Injectable()
    class AlwaysFails {
      async handle(): Promise<void> {
        throw new Error('cannot project');
      }
    }
    const failing = await startConsumers({ REDIS_KEY_PREFIX: prefix, EVENTS_STREAM_SHARDS: String(SHARDS), EVENTS_CONSUMER_BLOCK_MS: '100', EVENTS_RETRY_BASE_MS: '10' }, [AlwaysFails]);
    try {
      await publish(redis, prefix, SHARDS, [anEvent(randomUUID(), 1)]);
      await waitFor(() => failing.service.stats()[0].deadLettered === 1);
    } finally {
      await failing.close();
    }
    return (await t.request('/admin/events/dead-letters', { headers: t.as('admin') })).body.items[0].id;
  }

  const operations = (document: any): { id: string; path: string; method: string; operation: any }[] =>
    Object.entries(document.paths).flatMap(([path, item]: [string, any]) => Object.entries(item).map(([method, operation]: [string, any]) => ({ id: operation.operationId, path, method, operation })));

  const inPlugin = (url: string) => Object.keys(PLUGIN_SUBTREES).some((root) => url === root || url.startsWith(`${root}/`));
  const template = (url: string) => url.replace(/:(\w+)/g, '{$1}');

  it('are valid OpenAPI 3.0 documents', async () => {
    for (const document of [publicDoc, adminDoc]) {
      expect(document.openapi).toMatch(/^3\.0\./);
      await expect(SwaggerParser.validate(structuredClone(document))).resolves.toBeDefined();
    }
  });

  it('are what a preview of the app builds, as the script that writes them for clients does', async () => {
    const preview = await NestFactory.create(AppModule.forRoot(AppConfig.fromEnv({})), new FastifyAdapter(), { preview: true, logger: false, abortOnError: false });
    try {
      const built = buildApiDocuments(preview);
      expect(JSON.parse(JSON.stringify(built.admin))).toEqual(adminDoc);
      expect(JSON.parse(JSON.stringify(built.public))).toEqual(publicDoc);
    } finally {
      await preview.close();
    }
  });

  it('document every route Fastify has (HEAD with its GET), and no route it does not have', () => {
    const routes = t.app
      .get(RoutePolicies)
      .routes.filter((r) => !inPlugin(r.url) && r.method !== 'HEAD')
      .map((r) => `${r.method.toLowerCase()} ${template(r.url)}`);
    const documented = operations(adminDoc).map((o) => `${o.method} ${o.path}`);
    expect(documented.sort()).toEqual([...new Set(routes)].sort());
    const heads = t.app.get(RoutePolicies).routes.filter((r) => !inPlugin(r.url) && r.method === 'HEAD');
    expect(heads.filter((r) => !documented.includes(`get ${template(r.url)}`))).toEqual([]);
  });

  it('the public one has every operation but those only admins may call, each exactly as the admin one has it', () => {
    const adminOnly = (operation: any) => (operation['x-required-roles'] ?? []).every((role: string) => role === 'admin') && operation['x-required-roles'] !== undefined;
    const expected = operations(adminDoc).filter((o) => !adminOnly(o.operation));
    expect(operations(publicDoc)).toEqual(expected);
    expect(expected.length).toBeLessThan(operations(adminDoc).length);
    expect(Object.keys(publicDoc.components.schemas)).not.toContain('CacheStatsResponseDto');
  });

  it('has cases for every operation', () => {
    expect(Object.keys(SPECIFIC).sort()).toEqual(operations(adminDoc).map((o) => o.id).sort());
  });

  /** The refusals every operation can meet, from what the document says of it. */
  function commonCases(operation: any, method: string, base: Call, etag: string | null): Case[] {
    const roles: Role[] | undefined = operation['x-required-roles'];
    const withQuery = (path: string, query: string) => `${path}${path.includes('?') ? '&' : '?'}${query}`;
    const cases: Case[] = [
      refused(400, 'REQUEST.INVALID', { ...base, path: withQuery(base.path, 'unknownName=1') }),
      refused(401, 'AUTH.INVALID', { ...base, as: 'bad key' }),
      refused(414, 'REQUEST.URL_TOO_LONG', { ...base, path: withQuery(base.path, `pad=${'a'.repeat(9000)}`) }),
      refused(431, 'REQUEST.HEADERS_TOO_LARGE', { ...base, headers: { ...base.headers, 'x-pad': 'a'.repeat(20_000) }, socket: true }),
    ];
    if (roles) {
      cases.push(refused(401, 'AUTH.REQUIRED', { ...base, as: 'anonymous' }));
      cases.push(refused(403, 'AUTH.FORBIDDEN', { ...base, as: roles.includes('editor') ? 'analyst' : 'editor' }));
    }
    if (['post', 'put', 'patch'].includes(method)) {
      cases.push(refused(415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', { ...base, json: undefined, raw: '<contract/>', contentType: 'application/xml' }));
      cases.push(refused(400, 'REQUEST.MALFORMED_JSON', { ...base, json: undefined, raw: '{"a":', contentType: 'application/json' }));
      cases.push(refused(400, 'REQUEST.TOO_DEEP', { ...base, json: undefined, raw: `${'['.repeat(40)}${']'.repeat(40)}`, contentType: 'application/json' }));
      cases.push(refused(413, 'REQUEST.TOO_LARGE', { ...base, json: { pad: 'a'.repeat(5000) } }));
    }
    if (etag !== null && operation.responses['304']) cases.push({ name: 'revalidated', status: 304, call: { ...base, headers: { ...base.headers, 'if-none-match': etag } } });
    if (method === 'get') cases.push({ name: 'HEAD', status: 200, call: { ...base, method: 'HEAD' } });
    return cases;
  }

  interface Answer {
    status: number;
    headers: Headers;
    text: string;
  }

  async function send(call: Call): Promise<Answer> {
    const auth: Record<string, string> = call.as === 'bad key' ? { authorization: `Bearer ${badKey}` } : call.as && call.as !== 'anonymous' ? t.as(call.as) : {};
    const body = call.raw ?? (call.json === undefined ? undefined : JSON.stringify(call.json));
    const contentType = call.contentType ?? (call.json === undefined ? undefined : 'application/json');
    const method = call.method ?? 'GET';
    const headers = { 'x-forwarded-for': call.from ?? freshAddress(), ...auth, ...(contentType ? { 'content-type': contentType } : {}), ...call.headers };
    if (call.socket) return sendOnSocket(method, call.path, headers, body);
    const response = await fetch(`${t.baseUrl}${call.path}`, { method, headers, body });
    return { status: response.status, headers: response.headers, text: await response.text() };
  }

  function sendOnSocket(method: string, path: string, headers: Record<string, string>, body = ''): Promise<Answer> {
    const { hostname, port } = new URL(t.baseUrl);
    const head = [`${method} ${path} HTTP/1.1`, `host: ${hostname}`, 'connection: close', `content-length: ${Buffer.byteLength(body)}`, ...Object.entries(headers).map(([n, v]) => `${n}: ${v}`)];
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => socket.end(`${head.join('\r\n')}\r\n\r\n${body}`));
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('error', reject);
      socket.on('close', () => {
        const [top, ...rest] = Buffer.concat(chunks).toString('latin1').split('\r\n\r\n');
        const [statusLine, ...lines] = top.split('\r\n');
        const answerHeaders = new Headers(lines.map((line): [string, string] => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]));
        resolve({ status: Number(statusLine.split(' ')[1]), headers: answerHeaders, text: rest.join('\r\n\r\n') });
      });
    });
  }

  it.each(Object.keys(SPECIFIC))('%s: every answer is documented and conforms, and every documented status is seen', async (operationId) => {
    const { path, method, operation } = operations(adminDoc).find((o) => o.id === operationId)!;
    const problems: string[] = [];
    const seen = new Set<string>();
    const check = (c: Case, call: Call, res: Answer) => {
      const status = String(res.status);
      const where = `${call.method ?? 'GET'} ${call.path.slice(0, 80)} (${c.name}) -> ${status}`;
      seen.add(status);
      if (res.status !== c.status) problems.push(`${where}: expected ${c.status} ${res.text.slice(0, 200)}`);
      const documented = operation.responses[status];
      if (!documented) return problems.push(`${where}: status not documented`);
      const headers = Object.fromEntries(Object.entries(documented.headers ?? {}).map(([name, header]: [string, any]) => [name.toLowerCase(), header]));
      for (const [name, header] of Object.entries(headers)) if (header.required && !res.headers.has(name)) problems.push(`${where}: documented header ${name} missing`);
      for (const name of WATCHED_HEADERS) if (res.headers.has(name) && !headers[name]) problems.push(`${where}: header ${name} not documented`);
      if (call.method === 'HEAD' || res.status === 304) {
        if (res.text !== '') problems.push(`${where}: a body where none is due`);
        return;
      }
      if (!documented.content) return res.text === '' ? undefined : problems.push(`${where}: undocumented body`);
      let body: any;
      try {
        body = JSON.parse(res.text);
      } catch {
        return problems.push(`${where}: not JSON: ${res.text.slice(0, 100)}`);
      }
      for (const problem of validator.bodyProblems(path, method, status, body)) problems.push(`${where}: ${problem}`);
      if (c.code !== undefined && body.code !== c.code) problems.push(`${where}: code ${body.code}, expected ${c.code}`);
    };
    const run = async (c: Case) => {
      const call = typeof c.call === 'function' ? await c.call() : c.call;
      const res = await send(call);
      check(c, call, res);
      return { call, res };
    };

    let base: Call | undefined;
    let etag: string | null = null;
    for (const c of SPECIFIC[operationId]()) {
      const { call, res } = await run(c);
      if (c.name === 'ok') [base, etag] = [call, res.headers.get('etag')];
    }
    for (const c of commonCases(operation, method, base!, etag)) await run(c);
    // One anonymous client until its budget is spent (refusals of credentials count too).
    const flooder = freshAddress();
    for (let i = 0; i < 5 && !seen.has('429'); i++) {
      const call: Call = { ...base!, as: 'anonymous', from: flooder };
      const res = await send(call);
      check({ name: 'flood', status: res.status === 429 ? 429 : res.status, call }, call, res);
    }

    const unseen = Object.keys(operation.responses).filter((status) => !seen.has(status) && !UNEXERCISED[operationId]?.[status] && !EVERY_ROUTE_UNEXERCISED[status]);
    expect({ problems, unseen }).toEqual({ problems: [], unseen: [] });
  });
});
