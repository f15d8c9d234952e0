import { Fixtures } from '../support/fixtures.js';
import { projectStats } from '../support/project-stats.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const MAX_AMOUNT_CENTS = 2 ** 53 - 1;

/** Stats sums cannot overflow and are served exactly: numbers up to 2^53-1, digits beyond. */
describe('stats amounts', () => {
  let t: TestApp;
  let fx: Fixtures;

  beforeAll(async () => {
    t = await startTestApp('stats-amounts');
    fx = new Fixtures(t.db.client);
  });
  afterAll(() => t.close());

  it('1,025 contracts at the maximum amount (a sum beyond int8) project, and agency and supplier stats serve the sum exactly', async () => {
    const [agency, supplier, small] = [await fx.agency(), await fx.supplier(), await fx.agency()];
    const count = 1025;
    await t.db.client.query(
      `INSERT INTO contracts (agency_id, supplier_id, category, procurement_method, amount_cents, currency, signed_at, status)
       SELECT $1, $2, 'energy', 'open', $3, 'EUR', '2025-01-15T00:00:00Z', 'active' FROM generate_series(1, $4)`,
      [agency, supplier, MAX_AMOUNT_CENTS, count],
    );
    await fx.contract({ agencyId: small, supplierId: supplier, amountCents: 1000, category: 'it' });
    await projectStats(t.app);

    const exact = (BigInt(MAX_AMOUNT_CENTS) * BigInt(count)).toString();
    const agencyStats = await t.request(`/agencies/${agency}/stats`);
    expect(agencyStats.status).toBe(200);
    expect(agencyStats.body.totals).toEqual([{ currency: 'EUR', contracts: count, amountCents: exact }]);
    expect(agencyStats.body.byMonth).toEqual([{ month: '2025-01', currency: 'EUR', contracts: count, amountCents: exact }]);
    expect(agencyStats.body.topSuppliers).toEqual([expect.objectContaining({ supplierId: supplier, amountCents: exact })]);

    const supplierStats = await t.request(`/suppliers/${supplier}/stats`);
    expect(supplierStats.body.totals).toEqual([{ currency: 'EUR', contracts: count + 1, amountCents: (BigInt(exact) + 1000n).toString() }]);
    expect(supplierStats.body.byCategory).toEqual([
      { category: 'energy', currency: 'EUR', contracts: count, amountCents: exact },
      { category: 'it', currency: 'EUR', contracts: 1, amountCents: 1000 },
    ]);
    // Below 2^53 a sum stays a JSON number.
    expect((await t.request(`/agencies/${small}/stats`)).body.totals).toEqual([{ currency: 'EUR', contracts: 1, amountCents: 1000 }]);
  });

  it('refuses a contract amount above the documented maximum (2^53-1 cents), in the API and in the table', async () => {
    const [agency, supplier] = [await fx.agency(), await fx.supplier()];
    const body = { agencyId: agency, supplierId: supplier, category: 'energy', procurementMethod: 'open', currency: 'EUR', signedAt: '2025-01-01', status: 'active' };
    expect((await t.request('/contracts', { method: 'POST', json: { ...body, amountCents: MAX_AMOUNT_CENTS }, headers: t.as('admin') })).status).toBe(201);
    expect((await t.request('/contracts', { method: 'POST', json: { ...body, amountCents: MAX_AMOUNT_CENTS + 1 }, headers: t.as('admin') })).body).toMatchObject({ statusCode: 400, code: 'REQUEST.INVALID' });
    await expect(fx.contract({ agencyId: agency, supplierId: supplier, amountCents: 2 ** 60 })).rejects.toThrow(/contracts_amount_cents_range/);
  });
});
