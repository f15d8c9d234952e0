import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ContractStatsProjection, ProjectContractEventService, ProjectionConflictError, ProjectionRebuildingError, RebuildContractStatsService, CONTRACT_STATS_LOCK } from '../../src/modules/contract-stats/index.js';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Contract, NewContract } from '../../src/modules/contracts/domain/contract.js';
import { contractCreated, contractUpdated } from '../../src/modules/contracts/domain/contract.events.js';
import { ContractsRepository } from '../../src/modules/contracts/infrastructure/contracts.repository.js';
import type { TieredCache } from '../../src/platform/cache/index.js';
import { dataSourceOptions } from '../../src/platform/database/index.js';
import { NO_CAUSE, PoisonEventError, readEventLog, type LoggedEvent } from '../../src/platform/events/index.js';
import { Fixtures } from '../support/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const STATS = {
  agency_monthly_stats: 'agency_id, month::text, category, currency, contracts::int, amount_cents::text',
  agency_supplier_stats: 'agency_id, supplier_id, currency, contracts::int, amount_cents::text',
  supplier_stats: 'supplier_id, category, currency, contracts::int, amount_cents::text',
  contract_stats_state: 'contract_id, version, agency_id, supplier_id, month::text, category, currency, amount_cents::text, status',
};

describe('contract stats projection (Postgres)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let contracts: ContractsRepository;
  let fx: Fixtures;
  const projection = new ContractStatsProjection();
  const invalidated: string[][] = [];
  const cache = { invalidateTags: async (tags: string[]) => void invalidated.push(tags) } as unknown as TieredCache;
  let agencies: string[];
  let suppliers: string[];

  const snapshot = async () => {
    const out: Record<string, unknown[]> = {};
    for (const [table, columns] of Object.entries(STATS)) out[table] = (await db.client.query(`SELECT ${columns} FROM ${table} ORDER BY 1, 2, 3, 4`)).rows;
    return out;
  };
  const events = async (): Promise<LoggedEvent[]> => (await readEventLog(ds.manager, ['contract'], '0', 100_000)).events;
  const applyAll = async (list: LoggedEvent[]) => {
    for (const event of list) await ds.transaction((tx) => projection.apply(tx, [event]));
  };
  const newContract = (overrides: Partial<NewContract> = {}): NewContract => ({
    agencyId: agencies[0],
    supplierId: suppliers[0],
    category: 'energy',
    procurementMethod: 'open',
    amountCents: 1000,
    currency: 'EUR',
    signedAt: '2024-01-31T23:30:00.000Z',
    status: 'active',
    metadata: {},
    ...overrides,
  });
  const agencyTotals = async (agencyId: string) =>
    (await db.client.query('SELECT currency, sum(contracts)::int AS contracts, sum(amount_cents)::text AS amount FROM agency_monthly_stats WHERE agency_id = $1 GROUP BY currency', [agencyId])).rows;

  beforeAll(async () => {
    db = await createTestDatabase('contract_stats');
    ds = new DataSource(dataSourceOptions({ url: db.url, poolSize: 2, maxOverflow: 2, acquireTimeoutMs: 5000, idleTimeoutMs: 1000, statementTimeoutMs: 10000, slowQueryMs: 10000 }));
    await ds.initialize();
    contracts = new ContractsRepository(ds);
    fx = new Fixtures(db.client);
    agencies = [await fx.agency(), await fx.agency(), await fx.agency()];
    suppliers = [await fx.supplier(), await fx.supplier()];
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });
  beforeEach(async () => {
    await db.client.query('TRUNCATE contracts, event_log, outbox, contract_stats_state, agency_monthly_stats, agency_supplier_stats, supplier_stats');
  });

  it('writes each command event to the append-only event log in the transaction of the change, beside the outbox row', async () => {
    const created = await contracts.insert(newContract(), { correlationId: 'req-1', actor: 'key:0123456789abcdef' });
    await contracts.update(created.id, 1, { amountCents: 5 });
    const log = await events();
    expect(log.map((e) => [e.type, e.aggregateId, e.aggregateVersion, e.correlationId, e.actor])).toEqual([
      ['contract.created', created.id, 1, 'req-1', 'key:0123456789abcdef'],
      ['contract.updated', created.id, 2, null, null],
    ]);
    const outbox = await db.client.query('SELECT event_id FROM outbox ORDER BY position');
    expect(outbox.rows.map((r) => r.event_id)).toEqual(log.map((e) => e.eventId));
    await expect(db.client.query('DELETE FROM event_log')).rejects.toThrow('event_log is append-only');
    await expect(db.client.query(`UPDATE event_log SET type = 'x'`)).rejects.toThrow('event_log is append-only');
    // A failed write leaves no event behind.
    await expect(contracts.insert(newContract({ agencyId: '00000000-0000-4000-8000-000000000009' }))).rejects.toThrow();
    expect(await events()).toHaveLength(2);
  });

  it('applies an event once: the same event twice, or an older version after a newer one, change nothing', async () => {
    const created = await contracts.insert(newContract());
    await contracts.update(created.id, 1, { amountCents: 4000 });
    const [v1, v2] = await events();
    expect(await ds.transaction((tx) => projection.apply(tx, [v1]))).toMatchObject({ applied: 1, skipped: 0 });
    // The same event again changes nothing, but names its stats to invalidate again (its first delivery may have died before invalidating).
    expect(await ds.transaction((tx) => projection.apply(tx, [v1]))).toEqual({ applied: 0, skipped: 1, tags: [`agency:${agencies[0]}`, `supplier:${suppliers[0]}`] });
    expect(await agencyTotals(agencies[0])).toEqual([{ currency: 'EUR', contracts: 1, amount: '1000' }]);
    await ds.transaction((tx) => projection.apply(tx, [v2]));
    expect(await ds.transaction((tx) => projection.apply(tx, [v1]))).toEqual({ applied: 0, skipped: 1, tags: [] });
    expect(await agencyTotals(agencies[0])).toEqual([{ currency: 'EUR', contracts: 1, amount: '4000' }]);
  });

  it('moves totals on an agency change, removes a cancelled contract (leaving no empty rows), and invalidates what moved', async () => {
    const live = new ProjectContractEventService(ds, projection, cache);
    const created = await contracts.insert(newContract());
    await contracts.update(created.id, 1, { agencyId: agencies[1] });
    for (const event of await events()) await live.handle(event);
    expect(await agencyTotals(agencies[0])).toEqual([]);
    expect(await agencyTotals(agencies[1])).toEqual([{ currency: 'EUR', contracts: 1, amount: '1000' }]);
    expect(invalidated.pop()?.sort()).toEqual([`agency:${agencies[0]}`, `agency:${agencies[1]}`, `supplier:${suppliers[0]}`].sort());

    await contracts.update(created.id, 2, { status: 'cancelled' });
    await live.handle((await events())[2]);
    const stats = await snapshot();
    expect([stats.agency_monthly_stats, stats.agency_supplier_stats, stats.supplier_stats]).toEqual([[], [], []]);
    expect(stats.contract_stats_state).toEqual([expect.objectContaining({ contract_id: created.id, version: 3, status: 'cancelled' })]);
  });

  it('applies a batch of several contracts in one transaction, with one invalidation of everything it moved', async () => {
    const live = new ProjectContractEventService(ds, projection, cache);
    const a = await contracts.insert(newContract());
    const b = await contracts.insert(newContract({ agencyId: agencies[1], supplierId: suppliers[1], amountCents: 500 }));
    const batch = await events();
    invalidated.length = 0;
    expect(await live.handleBatch(batch)).toMatchObject({ applied: 2, skipped: 0 });
    expect(await agencyTotals(agencies[0])).toEqual([{ currency: 'EUR', contracts: 1, amount: '1000' }]);
    expect(await agencyTotals(agencies[1])).toEqual([{ currency: 'EUR', contracts: 1, amount: '500' }]);
    expect(invalidated).toHaveLength(1);
    expect(invalidated[0].sort()).toEqual([`agency:${agencies[0]}`, `agency:${agencies[1]}`, `supplier:${suppliers[0]}`, `supplier:${suppliers[1]}`].sort());
    // A redelivered batch changes nothing, and invalidates the same stats again (its first delivery may have died before invalidating).
    expect(await live.handleBatch(batch)).toMatchObject({ applied: 0, skipped: 2 });
    expect(invalidated).toHaveLength(2);
    expect(invalidated[1].sort()).toEqual(invalidated[0]);
    expect((await snapshot()).contract_stats_state.map((s) => (s as { contract_id: string }).contract_id).sort()).toEqual([a.id, b.id].sort());
  });

  it('sums amounts beyond 2^53 exactly (bigint in SQL, text in and out), and leaves a supplier\'s row alone when only the agency moved', async () => {
    const live = new ProjectContractEventService(ds, projection, cache);
    await contracts.insert(newContract({ amountCents: Number.MAX_SAFE_INTEGER }));
    const b = await contracts.insert(newContract({ amountCents: Number.MAX_SAFE_INTEGER }));
    await live.handleBatch(await events());
    expect(await agencyTotals(agencies[0])).toEqual([{ currency: 'EUR', contracts: 2, amount: (2n * BigInt(Number.MAX_SAFE_INTEGER)).toString() }]);

    await contracts.update(b.id, 1, { agencyId: agencies[1] });
    const supplierRow = async () => (await db.client.query(`SELECT xmin::text AS xmin, contracts::int, amount_cents::text AS amount FROM supplier_stats`)).rows;
    const before = await supplierRow();
    await live.handle((await events())[2]);
    expect(await agencyTotals(agencies[1])).toEqual([{ currency: 'EUR', contracts: 1, amount: String(Number.MAX_SAFE_INTEGER) }]);
    // Same supplier, category and currency: its totals did not move, so its row was not rewritten.
    expect(await supplierRow()).toEqual(before);
  });

  it('rebuilds by replay (in batches) to exactly a full recompute from the contracts table, and live application agrees', async () => {
    const a = await contracts.insert(newContract());
    const b = await contracts.insert(newContract({ supplierId: suppliers[1], category: 'it', amountCents: 2 ** 40, signedAt: '2024-02-01T00:30:00.000Z' }));
    const c = await contracts.insert(newContract({ agencyId: agencies[2], currency: 'USD', amountCents: 700 }));
    const d = await contracts.insert(newContract({ status: 'cancelled', amountCents: 999 }));
    await contracts.update(a.id, 1, { agencyId: agencies[1] });
    await contracts.update(a.id, 2, { amountCents: 4242, category: 'it' });
    await contracts.update(b.id, 1, { status: 'cancelled' });
    await contracts.update(c.id, 1, { signedAt: '2023-12-01T00:00:00.000Z', supplierId: suppliers[1] });
    await contracts.update(d.id, 1, { status: 'active' });
    await contracts.update(b.id, 2, { status: 'completed', currency: 'GBP' });

    // Another aggregate's event in the log: the replay's pages skip it.
    await db.client.query(
      `INSERT INTO event_log (event_id, type, schema_version, aggregate_type, aggregate_id, aggregate_version, occurred_at, payload)
       VALUES (gen_random_uuid(), 'investigation.opened', 1, 'investigation', gen_random_uuid(), 1, now(), '{}')`,
    );
    await contracts.update(d.id, 2, { amountCents: 111 });
    await applyAll(await events());
    const live = await snapshot();
    // Replay over a projection that is already up to date, in batches of 3 that split a contract's versions.
    const rebuilt = await new RebuildContractStatsService(ds, projection, cache).rebuild(3);
    expect(rebuilt).toMatchObject({ events: 11, applied: 11 });
    const replayed = await snapshot();
    await db.client.query('SELECT hotpath_recompute_contract_stats()');
    const recomputed = await snapshot();
    expect(replayed).toEqual(recomputed);
    expect(live).toEqual(recomputed);
    expect(recomputed.agency_supplier_stats).toHaveLength(4);
    expect(recomputed.contract_stats_state).toHaveLength(4);

    // The whole log as one batch (several versions of a contract, out of order): only each contract's newest counts.
    await db.client.query('TRUNCATE contract_stats_state, agency_monthly_stats, agency_supplier_stats, supplier_stats');
    const log = await events();
    expect(await ds.transaction((tx) => projection.apply(tx, [...log].reverse()))).toMatchObject({ applied: 11, skipped: 0 });
    expect(await snapshot()).toEqual(recomputed);
  });

  it('rebuild waits for a live batch in flight, and a live event waits for a rebuild (its lock wait, not the truncated table\'s), then is turned away (to be retried)', async () => {
    const created = await contracts.insert(newContract());
    const [event] = await events();
    const other = new Client({ connectionString: db.url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_advisory_xact_lock_shared($1)', [CONTRACT_STATS_LOCK]);
      let done = false;
      const rebuild = new RebuildContractStatsService(ds, projection, cache).rebuild(100).then((r) => ((done = true), r));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(done).toBe(false);
      await other.query('COMMIT');
      expect(await rebuild).toMatchObject({ events: 1, applied: 1 });

      // What a rebuild holds: the projection's lock, and the states table, truncated in its transaction.
      await other.query('SELECT pg_advisory_lock($1)', [CONTRACT_STATS_LOCK]);
      await other.query('BEGIN');
      await other.query('TRUNCATE contract_stats_state');
      await expect(new ProjectContractEventService(ds, projection, cache).handle(event)).rejects.toBeInstanceOf(ProjectionRebuildingError);
      await other.query('ROLLBACK');
      await other.query('SELECT pg_advisory_unlock($1)', [CONTRACT_STATS_LOCK]);
      expect(await agencyTotals(agencies[0])).toEqual([{ currency: 'EUR', contracts: 1, amount: '1000' }]);
      expect(created.version).toBe(1);
    } finally {
      await other.end();
    }
  });

  it('rolls back a batch whose contract state another transaction changed meanwhile (no double count)', async () => {
    const created = await contracts.insert(newContract());
    await contracts.update(created.id, 1, { amountCents: 3000 });
    const [v1, v2] = await events();
    await applyAll([v1]);
    const runner = ds.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await projection.apply(runner.manager, [v2]);
      // A redelivery of the same event while the first is uncommitted: it waits on the state row, then finds it changed.
      const duplicate = ds.transaction((tx) => projection.apply(tx, [v2]));
      await new Promise((resolve) => setTimeout(resolve, 200));
      await runner.commitTransaction();
      await expect(duplicate).rejects.toBeInstanceOf(ProjectionConflictError);
    } finally {
      await runner.release();
    }
    expect(await agencyTotals(agencies[0])).toEqual([{ currency: 'EUR', contracts: 1, amount: '3000' }]);
  });

  it('refuses an event whose contract id is no uuid as poison (dead-lettered at once), before any SQL', async () => {
    const live = new ProjectContractEventService(ds, projection, cache);
    const now = new Date().toISOString();
    const hostile = `x'); DROP TABLE contract_stats_state; --`;
    const event = contractCreated({ ...newContract(), id: hostile, version: 1, createdAt: now, updatedAt: now }, NO_CAUSE);
    const failure = await live.handle(event).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PoisonEventError);
    expect((failure as Error).message).toContain('id is not a UUID');
    expect((await snapshot()).contract_stats_state).toEqual([]);
  });

  it('keeps reading and writing contract states by index once its plans were made on an empty table', async () => {
    // One connection, so every batch runs on the connection where the statements were prepared.
    const single = new DataSource(dataSourceOptions({ url: db.url, poolSize: 1, maxOverflow: 0, acquireTimeoutMs: 5000, idleTimeoutMs: 10_000, statementTimeoutMs: 10_000, slowQueryMs: 10_000 }));
    await single.initialize();
    try {
      const live = new ProjectContractEventService(single, projection, cache);
      const now = new Date().toISOString();
      const contract = (version: number, amountCents: number): Contract => ({ ...newContract({ amountCents }), id: '00000000-0000-7000-8000-000000000001', version, createdAt: now, updatedAt: now });
      // Both backends report their scan counters once idle, when told to (else up to 10 s later).
      const scans = async () => {
        await single.query('SELECT pg_stat_force_next_flush()');
        await db.client.query('SELECT pg_stat_force_next_flush()');
        await sleep(300);
        return (await db.client.query<{ seq: string; idx: string }>(`SELECT seq_scan AS seq, idx_scan AS idx FROM pg_stat_user_tables WHERE relname = 'contract_stats_state'`)).rows[0];
      };
      // Past Postgres' five custom plans: from the sixth call on the function keeps generic plans, made while the table holds one row.
      for (let version = 1; version <= 8; version++) {
        const c = contract(version, 1000 + version);
        await live.handle(version === 1 ? contractCreated(c, NO_CAUSE) : contractUpdated(c, { amountCents: c.amountCents }, c.agencyId, NO_CAUSE));
      }
      await db.client.query(
        `INSERT INTO contract_stats_state (contract_id, version, agency_id, supplier_id, month, category, currency, amount_cents, status)
         SELECT gen_random_uuid(), 1, $1, $2, '2024-01-01', 'energy', 'EUR', 1, 'active' FROM generate_series(1, 20000)`,
        [agencies[2], suppliers[1]],
      );
      const before = await scans();
      for (let version = 9; version <= 12; version++) {
        const c = contract(version, 1000 + version);
        await live.handle(contractUpdated(c, { amountCents: c.amountCents }, c.agencyId, NO_CAUSE));
      }
      const after = await scans();
      expect(Number(after.idx)).toBeGreaterThanOrEqual(Number(before.idx) + 8);
      expect(after.seq).toBe(before.seq);
      expect(await agencyTotals(agencies[0])).toEqual([{ currency: 'EUR', contracts: 1, amount: '1012' }]);
    } finally {
      await single.destroy();
    }
  }, 30_000);
});
