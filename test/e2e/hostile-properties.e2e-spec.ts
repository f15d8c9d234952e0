import fc from 'fast-check';
import { Fixtures } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Fixed, so a failure reproduces; bounded, so the suite stays within its CI budget. */
const RUNS = { seed: 20_261_207, numRuns: 200 };
const REQUEST_TIMEOUT_MS = 5000;

const PROTOTYPE_NAMES = ['toString', 'constructor', '__proto__', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__', 'prototype'];
const ODD_DATES = ['2024-W01-1', '20240101', '2024-01-01T10', '2024-02-30', '0000-01-01', '9999-12-31T23:59:59.999-01:00', '2024-01-01T00:00:00+24:00', '+002024-01-01', '2024-13-01', '1970-01-01T00:00:00.0000000001Z'];
const ODD_NUMBERS = ['1e300', '-1', '0', '2147483648', '9007199254740992', '9223372036854775808', '0x10', '1.5', 'NaN', 'Infinity', '-0', ' 1', ''];
const ODD_TEXT = ['', ' ', '%', '%00', '\u0000', '\ud800', '../', '🙂', 'null', 'true', '[]', '{}', '<script>', "' OR 1=1 --", 'a'.repeat(600)];

/** A UUID with each letter's case picked at random. */
const oddCaseUuid = fc.tuple(fc.uuid(), fc.array(fc.boolean(), { minLength: 36, maxLength: 36 })).map(([uuid, upper]) => [...uuid].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join(''));
const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(...PROTOTYPE_NAMES, ...ODD_DATES, ...ODD_NUMBERS, ...ODD_TEXT),
  oddCaseUuid,
  fc.integer().map(String),
  fc.double().map(String),
  fc.json({ maxDepth: 4 }),
  fc.base64String({ maxLength: 60 }),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(2 ** 31, 2 ** 53, 1e300, -1, 0, 1.5, Number.MAX_SAFE_INTEGER, null, true, [], {}),
  fc.integer(),
  fc.jsonValue({ maxDepth: 5 }),
);
/** JSON nested deeper than any body needs, as text. */
const deepText = fc.integer({ min: 20, max: 3000 }).chain((depth) => fc.constantFrom('[', '{"a":').map((open) => open.repeat(depth) + (open === '[' ? ']' : '}').repeat(depth)));

function query(names: readonly string[]): fc.Arbitrary<string> {
  const name = fc.oneof(fc.constantFrom(...names, ...PROTOTYPE_NAMES), fc.string({ maxLength: 12 }));
  return fc.dictionary(name, hostileString, { maxKeys: 4 }).map((entries) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(entries)) params.append(key, value);
    const text = params.toString();
    return text ? `?${text}` : '';
  });
}

function body(fields: readonly string[]): fc.Arbitrary<{ json?: unknown; text?: string }> {
  const record = fc.dictionary(fc.oneof(fc.constantFrom(...fields, ...PROTOTYPE_NAMES.filter((n) => n !== '__proto__')), fc.string({ maxLength: 12 })), hostileValue, { maxKeys: 10 });
  return fc.oneof(
    record.map((json) => ({ json })),
    hostileValue.map((json) => ({ json })),
    deepText.map((text) => ({ text })),
    fc.string({ unit: 'binary', maxLength: 200 }).map((text) => ({ text })),
  );
}

describe('hostile requests (property-based, every public endpoint)', () => {
  let t: TestApp;
  const ids: Record<'contract' | 'agency' | 'supplier' | 'investigation', string> = { contract: '', agency: '', supplier: '', investigation: '' };

  beforeAll(async () => {
    t = await startTestApp('properties');
    const fx = new Fixtures(t.db.client);
    [ids.agency, ids.supplier] = [await fx.agency(), await fx.supplier()];
    ids.contract = (await fx.contract({ agencyId: ids.agency, supplierId: ids.supplier })).id;
    ids.investigation = (await t.request('/investigations', { method: 'POST', json: { agents: ['benford'] }, headers: t.as('analyst') })).body.id;
  });
  afterAll(() => t.close());

  /** A path segment: a known id in odd case, a hostile string (encoded), or broken percent-encoding. */
  const segment = (kind: keyof typeof ids) =>
    fc.oneof(
      fc.constant(0).map(() => ids[kind]),
      fc.boolean().map((upper) => (upper ? ids[kind].toUpperCase() : ids[kind])),
      oddCaseUuid,
      hostileString.map(encodeURIComponent),
      fc.constantFrom('%', '%zz', '%E0%A4%A', '%2F', '..', '%00'),
    );

  /** Sends one request and checks what any answer must be: no 5xx, no hang, the JSON error shape on a 4xx. */
  async function check(method: string, path: string, payload: { json?: unknown; text?: string } = {}): Promise<void> {
    // Writes as the admin, so hostile bodies reach validation instead of stopping at 401.
    const headers: Record<string, string> = { ...(method === 'GET' ? {} : t.as('admin')), ...(payload.json === undefined && payload.text === undefined ? {} : { 'content-type': 'application/json' }) };
    const res = await t.request(path, { method, headers, body: payload.text ?? (payload.json === undefined ? undefined : JSON.stringify(payload.json)), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const where = `${method} ${path.slice(0, 300)}`;
    expect([where, res.status < 500]).toEqual([where, true]);
    if (res.status >= 400) expect([where, res.body]).toEqual([where, { statusCode: res.status, code: expect.stringMatching(/^[A-Z_]+\.[A-Z_]+$/), message: expect.any(String) }]);
  }

  const CONTRACT_QUERY = ['agency', 'supplier', 'category', 'status', 'signedFrom', 'signedTo', 'minAmountCents', 'maxAmountCents', 'metadata', 'cursor', 'limit'];
  const CONTRACT_FIELDS = ['agencyId', 'supplierId', 'category', 'procurementMethod', 'amountCents', 'currency', 'signedAt', 'status', 'metadata', 'version'];

  it.each([
    ['GET /contracts', () => query(CONTRACT_QUERY).map((q) => ['GET', `/contracts${q}`] as const)],
    ['GET /contracts/:id', () => fc.tuple(segment('contract'), query([])).map(([id, q]) => ['GET', `/contracts/${id}${q}`] as const)],
    ['GET /agencies', () => query(['cursor', 'limit']).map((q) => ['GET', `/agencies${q}`] as const)],
    ['GET /agencies/:id', () => fc.tuple(segment('agency'), query([])).map(([id, q]) => ['GET', `/agencies/${id}${q}`] as const)],
    ['GET /agencies/:id/stats', () => fc.tuple(segment('agency'), query([])).map(([id, q]) => ['GET', `/agencies/${id}/stats${q}`] as const)],
    ['GET /suppliers/:id', () => fc.tuple(segment('supplier'), query([])).map(([id, q]) => ['GET', `/suppliers/${id}${q}`] as const)],
    ['GET /suppliers/:id/stats', () => fc.tuple(segment('supplier'), query([])).map(([id, q]) => ['GET', `/suppliers/${id}/stats${q}`] as const)],
    ['GET /investigations', () => query(['cursor', 'limit']).map((q) => ['GET', `/investigations${q}`] as const)],
    ['GET /investigations/:id', () => fc.tuple(segment('investigation'), query([])).map(([id, q]) => ['GET', `/investigations/${id}${q}`] as const)],
    ['GET /health/*', () => fc.tuple(fc.constantFrom('live', 'ready'), query([])).map(([part, q]) => ['GET', `/health/${part}${q}`] as const)],
  ])('%s', async (_route, requests) => {
    await fc.assert(
      fc.asyncProperty(requests(), async ([method, path]) => check(method, path)),
      RUNS,
    );
  });

  it('POST /contracts', async () => {
    await fc.assert(
      fc.asyncProperty(body(CONTRACT_FIELDS), query([]), async (payload, q) => check('POST', `/contracts${q}`, payload)),
      RUNS,
    );
  });

  it('PATCH /contracts/:id', async () => {
    await fc.assert(
      fc.asyncProperty(segment('contract'), body(CONTRACT_FIELDS), async (id, payload) => check('PATCH', `/contracts/${id}`, payload)),
      RUNS,
    );
  });

  it('POST /investigations', async () => {
    const scope = fc.dictionary(fc.oneof(fc.constantFrom('agencyId', 'supplierId', 'category', 'from', 'to', ...PROTOTYPE_NAMES.filter((n) => n !== '__proto__')), fc.string({ maxLength: 8 })), hostileValue, { maxKeys: 6 });
    const agents = fc.oneof(fc.array(fc.constantFrom('benford', 'price-outlier', 'split-purchase', 'supplier-concentration', 'nope', ''), { maxLength: 6 }), hostileValue);
    const payload = fc.oneof(fc.record({ scope: fc.oneof(scope, hostileValue), agents }, { requiredKeys: [] }).map((json) => ({ json })), body(['scope', 'agents']));
    await fc.assert(
      fc.asyncProperty(payload, async (p) => check('POST', '/investigations', p)),
      RUNS,
    );
  });
});
