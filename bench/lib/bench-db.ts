import { Client } from 'pg';
import { generateData } from '../../scripts/data/load.js';
import { migrate } from '../../src/platform/database/index.js';

export interface Samples {
  contractIds: string[];
  agencyIds: string[];
  /** Agencies spread from the largest to the smallest. */
  agenciesBySize: string[];
  supplierIds: string[];
}

/**
 * Migrates the bench database and fills it once per (contracts, seed): the pair is kept as a
 * comment on the database, so later runs reuse the data set.
 */
export async function prepareBenchDatabase(url: string, contracts: number, seed: number): Promise<void> {
  await migrate({ url, poolSize: 1, maxOverflow: 0, acquireTimeoutMs: 5000, idleTimeoutMs: 1000, statementTimeoutMs: 600_000, slowQueryMs: 600_000 });
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const marker = `hotpath-bench contracts=${contracts} seed=${seed}`;
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ comment: string | null }>('SELECT shobj_description(oid, $2) AS comment FROM pg_database WHERE datname = $1', [name, 'pg_database']);
    if (rows[0]?.comment === marker) return;
    console.error(`bench: loading ${contracts} contracts (seed ${seed}) into ${name}...`);
    const result = await generateData({ url, contracts, seed, reset: true });
    console.error(`bench: loaded in ${(result.timings.totalMs / 1000).toFixed(1)} s`);
    await client.query(`COMMENT ON DATABASE "${name.replace(/"/g, '""')}" IS '${marker}'`);
  } finally {
    await client.end();
  }
}

export async function sampleIds(url: string, count: number): Promise<Samples> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT setseed(0.42)');
    const contracts = await client.query<{ id: string }>(`SELECT id FROM contracts TABLESAMPLE BERNOULLI (1) REPEATABLE (42) LIMIT $1`, [count]);
    const agencies = await client.query<{ id: string }>(
      `SELECT a.id FROM agencies a LEFT JOIN agency_supplier_stats s ON s.agency_id = a.id GROUP BY a.id ORDER BY coalesce(sum(s.contracts), 0) DESC, a.id`,
    );
    const suppliers = await client.query<{ id: string }>(`SELECT id FROM suppliers TABLESAMPLE BERNOULLI (10) REPEATABLE (42) LIMIT $1`, [count]);
    return {
      contractIds: contracts.rows.map((r) => r.id),
      agencyIds: agencies.rows.map((r) => r.id),
      agenciesBySize: agencies.rows.map((r) => r.id),
      supplierIds: suppliers.rows.map((r) => r.id),
    };
  } finally {
    await client.end();
  }
}
