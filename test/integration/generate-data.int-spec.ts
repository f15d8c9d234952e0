import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ContractStatsProjection, RebuildContractStatsService } from '../../src/modules/contract-stats/index.js';
import type { TieredCache } from '../../src/platform/cache/index.js';
import { dataSourceOptions } from '../../src/platform/database/index.js';
import { datasetChecksum } from '../../scripts/data/checksum.js';
import { generateData, type LoadResult } from '../../scripts/data/load.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

describe('data generator', () => {
  const dbs: TestDatabase[] = [];
  let first: LoadResult;
  let checksums: string[];

  beforeAll(async () => {
    for (const label of ['gen_a', 'gen_b', 'gen_c']) dbs.push(await createTestDatabase(label));
    first = await generateData({ url: dbs[0].url, contracts: 20_000, seed: 7 });
    await generateData({ url: dbs[1].url, contracts: 20_000, seed: 7 });
    await generateData({ url: dbs[2].url, contracts: 20_000, seed: 8 });
    checksums = await Promise.all(dbs.map((db) => datasetChecksum(db.client)));
  });
  afterAll(async () => {
    for (const db of dbs) await db.drop();
  });

  it('produces exactly the same rows for the same seed and different rows for another', () => {
    expect(checksums[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(checksums[1]).toBe(checksums[0]);
    expect(checksums[2]).not.toBe(checksums[0]);
  });

  it('loads the requested number of contracts and restores every index', async () => {
    const c = dbs[0].client;
    expect(Number((await c.query('SELECT count(*) FROM contracts')).rows[0].count)).toBe(20_000);
    const indexes = (await c.query(`SELECT count(*) FROM pg_indexes WHERE tablename = 'contracts'`)).rows[0].count;
    expect(Number(indexes)).toBe(9);
  });

  it('records each planted anomaly in ground_truth, pointing at existing rows', async () => {
    const c = dbs[0].client;
    const { rows } = await c.query<{ kind: string; n: string }>('SELECT kind, count(*) AS n FROM ground_truth GROUP BY kind');
    const counts = Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
    expect(counts).toEqual(first.groundTruth);
    expect(first.groundTruth.split_purchase).toBeGreaterThanOrEqual(3 * 4);
    expect(first.groundTruth.price_outlier).toBeGreaterThan(5);
    expect(first.groundTruth.supplier_concentration).toBe(2);
    expect(first.groundTruth.benford).toBe(3);
    const dangling = await c.query(
      `SELECT count(*) FROM ground_truth g
        WHERE (g.contract_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM contracts x WHERE x.id = g.contract_id))
           OR (g.supplier_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM suppliers x WHERE x.id = g.supplier_id))
           OR (g.agency_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM agencies x WHERE x.id = g.agency_id))`,
    );
    expect(Number(dangling.rows[0].count)).toBe(0);
  });

  it('plants anomalies that stand out from the natural data', async () => {
    const c = dbs[0].client;
    // Only planted split purchases sit just under the direct-award threshold.
    const band = await c.query(`SELECT count(*) FROM contracts WHERE amount_cents >= 1350000 AND amount_cents < 1500000`);
    expect(Number(band.rows[0].count)).toBe(first.groundTruth.split_purchase);
    // Each planted dominant supplier holds most of its agency+category's contracts.
    const shares = await c.query<{ share: number }>(
      `SELECT (SELECT count(*) FROM contracts x WHERE x.agency_id = g.agency_id AND x.category = g.category AND x.supplier_id = g.supplier_id)::float
            / (SELECT count(*) FROM contracts x WHERE x.agency_id = g.agency_id AND x.category = g.category) AS share
         FROM ground_truth g WHERE kind = 'supplier_concentration'`,
    );
    for (const { share } of shares.rows) expect(share).toBeGreaterThan(0.7);
    // Benford suppliers' amounts all start with 5..9.
    const digits = await c.query(
      `SELECT count(*) FILTER (WHERE left(amount_cents::text, 1) < '5') AS low, count(*) AS n
         FROM contracts WHERE supplier_id IN (SELECT supplier_id FROM ground_truth WHERE kind = 'benford')`,
    );
    expect(Number(digits.rows[0].low)).toBe(0);
    expect(Number(digits.rows[0].n)).toBeGreaterThan(150);
  });

  it('logs one contract.created per contract, and replaying that log rebuilds the stats the loader computed', async () => {
    const c = dbs[0].client;
    const { rows: [log] } = await c.query(`SELECT count(*)::int AS events, count(DISTINCT aggregate_id)::int AS contracts, bool_and(type = 'contract.created' AND aggregate_version = 1) AS created FROM event_log`);
    expect(log).toEqual({ events: 20_000, contracts: 20_000, created: true });
    const snapshot = async () => ({
      agency: (await c.query('SELECT * FROM agency_monthly_stats ORDER BY agency_id, month, category, currency')).rows,
      pairs: (await c.query('SELECT * FROM agency_supplier_stats ORDER BY agency_id, supplier_id, currency')).rows,
      supplier: (await c.query('SELECT * FROM supplier_stats ORDER BY supplier_id, category, currency')).rows,
    });
    const loaded = await snapshot();
    expect(loaded.agency.length).toBeGreaterThan(100);
    expect(loaded.supplier.length).toBeGreaterThan(100);
    const ds = new DataSource(dataSourceOptions({ url: dbs[0].url, poolSize: 1, maxOverflow: 0, acquireTimeoutMs: 5000, idleTimeoutMs: 1000, statementTimeoutMs: 60000, slowQueryMs: 60000 }));
    await ds.initialize();
    try {
      const cache = { invalidateTags: async () => undefined } as unknown as TieredCache;
      expect(await new RebuildContractStatsService(ds, new ContractStatsProjection(), cache).rebuild(5000)).toMatchObject({ events: 20_000, applied: 20_000 });
    } finally {
      await ds.destroy();
    }
    expect(await snapshot()).toEqual(loaded);
  });

  it('reproduces the same data set over existing data with --reset', async () => {
    const again = new Client({ connectionString: dbs[1].url });
    await again.connect();
    try {
      await generateData({ url: dbs[1].url, contracts: 20_000, seed: 7, reset: true });
      expect(await datasetChecksum(again)).toBe(checksums[0]);
    } finally {
      await again.end();
    }
  });
});
