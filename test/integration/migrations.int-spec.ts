import type { QueryRunner } from 'typeorm';
import { EventStoreProjections1764100000000 } from '../../migrations/1764100000000-event-store-projections.js';
import { OutboxHotPath1764300000000 } from '../../migrations/1764300000000-outbox-hot-path.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { eventIdOf } from '../../scripts/data/event-log.js';
import { migrate } from '../../src/platform/database/index.js';
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

  it('moves an existing database onto the event store: its contracts logged as created at their current version, stats recomputed, trigger gone', async () => {
    // A database migrated up to just before the event store.
    const old = await createTestDatabase('migrations_old', MIGRATIONS.indexOf(EventStoreProjections1764100000000));
    try {
      const c = old.client;
      const { rows: [agency] } = await c.query(`INSERT INTO agencies (code, name, region) VALUES ('A1', 'Agency', 'north') RETURNING id`);
      const { rows: [supplier] } = await c.query(`INSERT INTO suppliers (tax_id, name, country) VALUES ('S1', 'Supplier', 'ES') RETURNING id`);
      const insert = `INSERT INTO contracts (agency_id, supplier_id, category, procurement_method, amount_cents, currency, signed_at, status, metadata)
                      VALUES ($1, $2, $3, 'open', $4, 'EUR', $5, $6, '{"lot":1}') RETURNING id`;
      const { rows: [first] } = await c.query(insert, [agency.id, supplier.id, 'it', 1000, '2024-01-31T23:30:00Z', 'active']);
      await c.query(insert, [agency.id, supplier.id, 'energy', 700, '2024-02-10T00:00:00Z', 'cancelled']);
      await c.query(`UPDATE contracts SET amount_cents = 4000, version = 2 WHERE id = $1`, [first.id]);
      await migrate({ url: old.url, poolSize: 1, maxOverflow: 0, acquireTimeoutMs: 5000, idleTimeoutMs: 1000, statementTimeoutMs: 60000, slowQueryMs: 10000 });

      const { rows: log } = await c.query(`SELECT event_id::text, type, aggregate_id, aggregate_version, payload FROM event_log WHERE aggregate_id = $1`, [first.id]);
      expect(log).toEqual([{ event_id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/), type: 'contract.created', aggregate_id: first.id, aggregate_version: 2, payload: { contract: expect.objectContaining({ id: first.id, agencyId: agency.id, amountCents: 4000, signedAt: '2024-01-31T23:30:00.000Z', metadata: { lot: 1 }, version: 2 }) } }]);
      expect(Number((await c.query('SELECT count(*) FROM event_log')).rows[0].count)).toBe(2);
      // The data loader computes the same deterministic ids in JavaScript.
      const { rows: [{ created_at: createdAt }] } = await c.query<{ created_at: Date }>('SELECT created_at FROM contracts WHERE id = $1', [first.id]);
      expect(log[0].event_id).toBe(eventIdOf(first.id, createdAt.toISOString()));
      expect((await c.query(`SELECT month::text, category, contracts::int, amount_cents::text FROM agency_monthly_stats`)).rows).toEqual([{ month: '2024-01-01', category: 'it', contracts: 1, amount_cents: '4000' }]);
      expect((await c.query(`SELECT category, contracts::int FROM supplier_stats`)).rows).toEqual([{ category: 'it', contracts: 1 }]);
      expect((await c.query(`SELECT tgname FROM pg_trigger WHERE tgrelid = 'contracts'::regclass AND NOT tgisinternal`)).rows).toEqual([]);
      // Without the trigger, a write straight into contracts no longer moves the stats: the projection does, from events.
      await c.query(insert, [agency.id, supplier.id, 'it', 1, '2024-01-02T00:00:00Z', 'active']);
      expect((await c.query(`SELECT contracts::int FROM agency_monthly_stats`)).rows).toEqual([{ contracts: 1 }]);
    } finally {
      await old.drop();
    }
  });

  it('takes the NOTIFY trigger off the outbox and vacuums it often; down puts the trigger back', async () => {
    const trigger = async () => (await db.client.query(`SELECT tgname FROM pg_trigger WHERE tgrelid = 'outbox'::regclass AND NOT tgisinternal`)).rows;
    const options = async () => (await db.client.query<{ reloptions: string[] | null }>(`SELECT reloptions FROM pg_class WHERE relname = 'outbox'`)).rows[0].reloptions;
    expect(await trigger()).toEqual([]);
    expect(await options()).toEqual(expect.arrayContaining(['autovacuum_vacuum_scale_factor=0', 'autovacuum_vacuum_threshold=1000']));
    const runner = { query: (sql: string) => db.client.query(sql) } as unknown as QueryRunner;
    await new OutboxHotPath1764300000000().down(runner);
    try {
      expect(await trigger()).toEqual([{ tgname: 'outbox_notify' }]);
      expect(await options()).toBeNull();
    } finally {
      await new OutboxHotPath1764300000000().up(runner);
    }
    expect(await trigger()).toEqual([]);
  });
});
