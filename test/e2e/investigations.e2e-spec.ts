import { randomUUID } from 'node:crypto';
import { generateData } from '../../scripts/data/load.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

// The smallest generated set in which every anomaly kind is planted (see analysis-quality.int-spec).
const CONTRACTS = 20_000;

describe('investigations (API, outbox -> job -> agent pool -> findings)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The whole flow in one process: API, relay, consumers, job processors and the agent pool.
    t = await startTestApp('investigations', { PROCESS_ROLE: 'all' });
    await generateData({ url: t.db.url, contracts: CONTRACTS, seed: 7 });
  });
  afterAll(() => t?.close());

  const finished = async (id: string) => {
    let body: any;
    await waitFor(async () => {
      body = (await t.request(`/investigations/${id}`)).body;
      return body.status === 'completed' || body.status === 'failed';
    }, 45_000, 200);
    return body;
  };

  it('answers 202 at once, runs the agents in the background, and shows progress and findings', async () => {
    const opened = await t.request('/investigations', { method: 'POST', headers: t.as('analyst'), json: { agents: ['split-purchase', 'benford'] } });
    expect(opened.status).toBe(202);
    expect(opened.body).toMatchObject({ status: 'queued', progress: 0, agents: ['split-purchase', 'benford'], reused: false });
    expect(opened.headers.get('location')).toBe(`/investigations/${opened.body.id}`);
    const logged = await t.db.client.query("SELECT actor FROM event_log WHERE aggregate_id = $1 AND type = 'investigation.opened'", [opened.body.id]);
    expect(logged.rows).toEqual([{ actor: t.actor('analyst') }]);

    const done = await finished(opened.body.id);
    expect(done).toMatchObject({ status: 'completed', progress: 100, error: null });
    const { rows } = await t.db.client.query<{ n: number }>("SELECT count(*)::int AS n FROM contracts WHERE status <> 'cancelled'");
    expect(done.contracts).toBe(rows[0].n);
    const planted = await t.db.client.query<{ contract_id: string }>("SELECT contract_id FROM ground_truth WHERE kind = 'split_purchase'");
    const flagged = new Set(done.findings.filter((f: any) => f.agent === 'split-purchase').map((f: any) => f.contractId));
    expect(planted.rows.filter((r) => flagged.has(r.contract_id)).length).toBeGreaterThanOrEqual(planted.rows.length * 0.9);
    expect(done.findingCounts['benford']).toBeGreaterThan(0);
    expect(Object.keys(done.findingCounts).sort()).toEqual(['benford', 'split-purchase']);

    // Stored, so the read after the end is answered from the cache until something changes.
    expect((await t.request(`/investigations/${opened.body.id}`)).headers.get('x-cache')).toBe('HIT');
    const listed = await t.request('/investigations?limit=5');
    expect(listed.body.items.map((i: any) => i.id)).toContain(opened.body.id);
  });

  it('reuses the run of the same scope and agents instead of computing again', async () => {
    const first = await t.request('/investigations', { method: 'POST', headers: t.as('analyst'), json: { agents: ['price-outlier'], scope: { category: 'construction' } } });
    const again = await t.request('/investigations', { method: 'POST', headers: t.as('analyst'), json: { scope: { category: 'construction' }, agents: ['price-outlier'] } });
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ id: first.body.id, reused: true });
    const other = await t.request('/investigations', { method: 'POST', headers: t.as('analyst'), json: { agents: ['price-outlier'], scope: { category: 'it_services' } } });
    expect(other.body.id).not.toBe(first.body.id);
    await finished(first.body.id);
    await finished(other.body.id);
  });

  it('narrows the contracts to the scope', async () => {
    const { rows } = await t.db.client.query<{ agency_id: string; n: number }>(
      "SELECT agency_id, count(*)::int AS n FROM contracts WHERE status <> 'cancelled' AND signed_at >= '2023-01-01' GROUP BY agency_id ORDER BY n DESC LIMIT 1",
    );
    const opened = await t.request('/investigations', { method: 'POST', headers: t.as('analyst'), json: { agents: ['supplier-concentration'], scope: { agencyId: rows[0].agency_id, from: '2023-01-01T00:00:00Z' } } });
    const done = await finished(opened.body.id);
    expect(done).toMatchObject({ status: 'completed', contracts: rows[0].n, scope: { agencyId: rows[0].agency_id } });
  });

  it('refuses bad input with a JSON error naming the problem', async () => {
    const unknownAgent = await t.request('/investigations', { method: 'POST', headers: t.as('analyst'), json: { agents: ['astrology'] } });
    expect(unknownAgent).toMatchObject({ status: 400, body: { code: 'REQUEST.INVALID', message: expect.stringContaining('agents') } });
    const badScope = await t.request('/investigations', { method: 'POST', headers: t.as('analyst'), json: { scope: { agencyId: 'not-a-uuid' } } });
    expect(badScope).toMatchObject({ status: 400, body: { code: 'REQUEST.INVALID', message: expect.stringContaining('agencyId') } });
    const backwards = await t.request('/investigations', { method: 'POST', headers: t.as('analyst'), json: { scope: { from: '2024-01-01T00:00:00Z', to: '2023-01-01T00:00:00Z' } } });
    expect(backwards).toMatchObject({ status: 400, body: { code: 'INVESTIGATION.INVALID_SCOPE' } });
    expect(await t.request(`/investigations/${randomUUID()}`)).toMatchObject({ status: 404, body: { code: 'INVESTIGATION.NOT_FOUND' } });
    expect((await t.request('/investigations/nope')).status).toBe(400);
    expect(await t.request('/investigations?cursor=bogus')).toMatchObject({ status: 400, body: { code: 'PAGINATION.INVALID_CURSOR' } });
  });
});
