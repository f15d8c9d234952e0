import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Writable } from 'node:stream';
import { agencyName as agencyNameFor, supplierName as supplierNameFor } from './catalog.js';
import { generateContracts, type GroundTruthRow } from './contracts.js';
import { contractCreatedLine, dropEventLogKeys, EVENT_LOG_COPY, runOnOwnConnection } from './event-log.js';
import { buildPlan, type GenerationOptions } from './plan.js';
import { Rng } from './prng.js';

export interface LoadOptions extends GenerationOptions {
  url: string;
  /** Truncate the domain tables first. */
  reset?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface LoadResult {
  contracts: number;
  agencies: number;
  suppliers: number;
  groundTruth: Record<GroundTruthRow['kind'], number>;
  timings: {
    generateAndCopyMs: number;
    /** Contract indexes, event log keys and the stats recompute run side by side, in indexAndStatsMs. */
    indexMs: number;
    eventKeysMs: number;
    statsMs: number;
    indexAndStatsMs: number;
    analyzeMs: number;
    totalMs: number;
  };
}

const BATCH = 4000;
const FIXED_CREATED_AT = '2020-12-01T00:00:00.000Z';

/**
 * Fills the database at `url` deterministically. Contracts go in through one COPY with the
 * stats trigger bypassed (session_replication_role = replica) and, when the table starts
 * empty, with its secondary indexes dropped and rebuilt afterwards from their own definitions.
 * Each contract's `contract.created` event goes into the event log through a second COPY at the
 * same time (so replay works over demo data; not into the outbox: nothing needs them streamed),
 * and the stats projections are recomputed from the contracts while the indexes are rebuilt.
 */
export async function generateData(options: LoadOptions): Promise<LoadResult> {
  const started = Date.now();
  const plan = buildPlan(options);
  const client = new Client({ connectionString: options.url });
  await client.connect();
  try {
    if (options.reset) {
      await client.query(
        'TRUNCATE ground_truth, findings, investigations, contracts, suppliers, agencies, event_log, outbox, contract_stats_state, agency_monthly_stats, agency_supplier_stats, supplier_stats',
      );
    }
    await client.query("SET session_replication_role = replica; SET maintenance_work_mem = '512MB'");
    const { rows: [{ empty }] } = await client.query<{ empty: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM contracts) AS empty');
    const indexes = empty ? await dropSecondaryIndexes(client) : [];
    const eventKeys = await dropEventLogKeys(client);

    await copy(client, 'agencies (id, code, name, region, created_at, updated_at)', plan.agencies.map((a) => `${a.id}\t${a.code}\t${agencyNameFor(a.rank)}\t${a.region}\t${FIXED_CREATED_AT}\t${FIXED_CREATED_AT}\n`));
    await copy(client, 'suppliers (id, tax_id, name, country, created_at, updated_at)', plan.suppliers.map((s) => `${s.id}\t${s.taxId}\t${supplierNameFor(s.rank)}\t${s.country}\t${FIXED_CREATED_AT}\t${FIXED_CREATED_AT}\n`));

    const truth: GroundTruthRow[] = [];
    const stream = client.query(copyFrom('COPY contracts (id, agency_id, supplier_id, category, procurement_method, amount_cents, currency, signed_at, status, metadata, created_at, updated_at) FROM STDIN'));
    const eventClient = new Client({ connectionString: options.url });
    await eventClient.connect();
    const eventStream = eventClient.query(copyFrom(EVENT_LOG_COPY));
    const finished = Promise.all([stream, eventStream].map((s) => new Promise<void>((resolve, reject) => {
      s.on('finish', resolve);
      s.on('error', reject);
    })));
    let batch = '';
    let events = '';
    let inBatch = 0;
    let written = 0;
    try {
      for (const line of generateContracts(plan, new Rng(plan.options.seed).fork(2), (row) => truth.push(row))) {
        batch += line;
        events += contractCreatedLine(line);
        if (++inBatch < BATCH) continue;
        written += inBatch;
        await Promise.all([write(stream, batch), write(eventStream, events)]);
        options.onProgress?.(written, plan.options.contracts);
        batch = '';
        events = '';
        inBatch = 0;
      }
      await Promise.all([write(stream, batch), write(eventStream, events)]);
      options.onProgress?.(written + inBatch, plan.options.contracts);
      stream.end();
      eventStream.end();
      await finished;
    } finally {
      await eventClient.end();
    }
    const generateAndCopyMs = Date.now() - started;

    await copy(client, 'ground_truth (kind, contract_id, supplier_id, agency_id, category, details)', truth.map((t) => `${t.kind}\t${t.contractId ?? '\\N'}\t${t.supplierId ?? '\\N'}\t${t.agencyId ?? '\\N'}\t${t.category ?? '\\N'}\t${JSON.stringify(t.details)}\n`));

    const indexStarted = Date.now();
    const [indexMs, eventKeysMs, statsMs] = await Promise.all([
      timed(() => recreateIndexes(options.url, indexes)),
      timed(() => runOnOwnConnection(options.url, eventKeys)),
      timed(() => runOnOwnConnection(options.url, ['SELECT hotpath_recompute_contract_stats()'])),
    ]);
    const analyzeStarted = Date.now();
    // event_log and contract_stats_state are only read by key (the replay walks the log's primary
    // key): autovacuum's ANALYZE is enough, and sampling 700 MB of payloads is not free.
    await client.query('ANALYZE agencies, suppliers, contracts, agency_monthly_stats, agency_supplier_stats, supplier_stats, ground_truth');
    const done = Date.now();

    const groundTruth = { price_outlier: 0, split_purchase: 0, supplier_concentration: 0, benford: 0 };
    for (const row of truth) groundTruth[row.kind]++;
    return {
      contracts: plan.options.contracts,
      agencies: plan.agencies.length,
      suppliers: plan.suppliers.length,
      groundTruth,
      timings: { generateAndCopyMs, indexMs, eventKeysMs, statsMs, indexAndStatsMs: analyzeStarted - indexStarted, analyzeMs: done - analyzeStarted, totalMs: done - started },
    };
  } finally {
    await client.end();
  }
}

async function timed(run: () => Promise<void>): Promise<number> {
  const started = Date.now();
  await run();
  return Date.now() - started;
}

function write(stream: Writable, chunk: string): Promise<void> {
  return stream.write(chunk) ? Promise.resolve() : new Promise((resolve) => stream.once('drain', resolve));
}

async function copy(client: Client, target: string, lines: string[]): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${target} FROM STDIN`));
  await new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
    stream.end(lines.join(''));
  });
}

/** Drops the contracts indexes that back no constraint and returns their definitions. */
async function dropSecondaryIndexes(client: Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string; def: string }>(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
      WHERE i.schemaname = current_schema() AND i.tablename = 'contracts'
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
  );
  for (const row of rows) await client.query(`DROP INDEX "${row.name}"`);
  return rows.map((r) => r.def);
}

/** Rebuilds indexes two at a time (one connection per core). */
async function recreateIndexes(url: string, definitions: string[]): Promise<void> {
  const queue = [...definitions];
  const worker = async () => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await client.query("SET maintenance_work_mem = '512MB'");
      for (let def = queue.shift(); def; def = queue.shift()) await client.query(def);
    } finally {
      await client.end();
    }
  };
  await Promise.all([worker(), worker()]);
}

