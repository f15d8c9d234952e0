import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

describe('migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('migrations');
  });
  afterAll(() => db.drop());

  it('creates the contract indexes the list queries rely on', async () => {
    const { rows } = await db.client.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'contracts' ORDER BY indexname`,
    );
    const defs = Object.fromEntries(rows.map((r) => [r.indexname, r.indexdef]));
    expect(defs.contracts_agency_signed_idx).toContain('(agency_id, signed_at DESC, id)');
    expect(defs.contracts_supplier_signed_idx).toContain('(supplier_id, signed_at DESC, id)');
    expect(defs.contracts_active_signed_idx).toContain("WHERE (status = 'active'::text)");
    expect(defs.contracts_metadata_idx).toContain('USING gin (metadata jsonb_path_ops)');
  });

  it('keeps agency stats equal to a full recompute across inserts, updates and deletes', async () => {
    const c = db.client;
    const { rows: [agency] } = await c.query(`INSERT INTO agencies (code, name, region) VALUES ('A1', 'Agency', 'north') RETURNING id`);
    const { rows: [supplier] } = await c.query(`INSERT INTO suppliers (tax_id, name, country) VALUES ('S1', 'Supplier', 'ES') RETURNING id`);
    const insert = `INSERT INTO contracts (agency_id, supplier_id, category, procurement_method, amount_cents, currency, signed_at, status)
                    VALUES ($1, $2, $3, 'open', $4, 'EUR', $5, $6) RETURNING id`;
    const { rows: [first] } = await c.query(insert, [agency.id, supplier.id, 'it', 1000, '2024-01-31T23:30:00Z', 'active']);
    await c.query(insert, [agency.id, supplier.id, 'it', 500, '2024-02-01T00:30:00Z', 'active']);
    await c.query(insert, [agency.id, supplier.id, 'energy', 700, '2024-02-10T00:00:00Z', 'cancelled']);
    await c.query(`UPDATE contracts SET amount_cents = 4000, category = 'energy' WHERE id = $1`, [first.id]);
    const snapshot = async () =>
      (await c.query(`SELECT agency_id, month::text, category, currency, contracts::int, amount_cents::bigint::text FROM agency_monthly_stats WHERE contracts <> 0 ORDER BY 2, 3`)).rows;
    const incremental = await snapshot();
    await c.query('SELECT hotpath_rebuild_agency_stats()');
    expect(incremental).toEqual(await snapshot());
    expect(incremental).toEqual([
      { agency_id: agency.id, month: '2024-01-01', category: 'energy', currency: 'EUR', contracts: 1, amount_cents: '4000' },
      { agency_id: agency.id, month: '2024-02-01', category: 'it', currency: 'EUR', contracts: 1, amount_cents: '500' },
    ]);
  });
});
