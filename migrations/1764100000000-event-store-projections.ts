import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** A contract row as the `contract` payload of its events (same keys and formats as the API). */
const CONTRACT_JSON = `jsonb_build_object(
  'id', c.id, 'agencyId', c.agency_id, 'supplierId', c.supplier_id, 'category', c.category,
  'procurementMethod', c.procurement_method, 'amountCents', c.amount_cents, 'currency', c.currency::text,
  'signedAt', to_char(c.signed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'status', c.status,
  'metadata', c.metadata, 'version', c.version,
  'createdAt', to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  'updatedAt', to_char(c.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;

/**
 * A UUID v7 from the contract's creation time and its id's random bits: deterministic, so
 * generated data sets (and their event ids) stay reproducible. Written out rather than as a
 * function, which costs ~3 s per million rows when Postgres does not inline it.
 */
const EVENT_ID_OF_CONTRACT = `encode(set_byte(set_byte(
  overlay(uuid_send(c.id) PLACING substring(int8send(floor(extract(epoch FROM c.created_at) * 1000)::bigint) FROM 3) FROM 1 FOR 6),
  6, (get_byte(uuid_send(c.id), 6) & 15) | 112), 8, (get_byte(uuid_send(c.id), 8) & 63) | 128), 'hex')::uuid`;

/**
 * The event store and the contract stats projections that replace the `contracts_stats` trigger.
 *
 * - `event_log`: append-only (updates and deletes are refused), written in the transaction of
 *   the change together with the outbox row. The outbox is a relay queue and gets cleaned up;
 *   replay reads this table.
 * - `contract_stats_state`: per contract, what the projection last counted and at which
 *   aggregate version, so an event applies once (only when newer) and its delta is computed
 *   from the previous state.
 * - `supplier_stats`: the supplier read model (per supplier, category and currency).
 *
 * Existing contracts are logged as `contract.created` of their current state, so a database
 * migrated with data stays replayable; the projections are recomputed from the contracts.
 */
export class EventStoreProjections1764100000000 implements MigrationInterface {
  name = 'EventStoreProjections1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE event_log (
        position bigserial PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        type text NOT NULL,
        schema_version integer NOT NULL,
        aggregate_type text NOT NULL,
        aggregate_id uuid NOT NULL,
        aggregate_version integer NOT NULL,
        occurred_at timestamptz NOT NULL,
        correlation_id text,
        causation_id text,
        payload jsonb NOT NULL,
        UNIQUE (aggregate_type, aggregate_id, aggregate_version)
      )`);
    await db.query(`
      CREATE FUNCTION hotpath_event_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'event_log is append-only';
      END $$`);
    await db.query(`CREATE TRIGGER event_log_append_only BEFORE UPDATE OR DELETE ON event_log FOR EACH ROW EXECUTE FUNCTION hotpath_event_log_append_only()`);

    // Logs every contract that has no event yet as contract.created of its current state; used
    // here and by the data loader, whose COPY bypasses the command path.
    await db.query(`
      CREATE FUNCTION hotpath_log_contracts_created() RETURNS bigint LANGUAGE sql AS $$
        WITH logged AS (
          INSERT INTO event_log (event_id, type, schema_version, aggregate_type, aggregate_id, aggregate_version, occurred_at, payload)
          SELECT ${EVENT_ID_OF_CONTRACT}, 'contract.created', 1, 'contract', c.id, c.version, c.updated_at, jsonb_build_object('contract', ${CONTRACT_JSON})
            FROM contracts c
           WHERE NOT EXISTS (SELECT 1 FROM event_log e WHERE e.aggregate_type = 'contract' AND e.aggregate_id = c.id)
          RETURNING 1)
        SELECT count(*) FROM logged
      $$`);

    await db.query(`
      CREATE TABLE contract_stats_state (
        contract_id uuid PRIMARY KEY,
        version integer NOT NULL,
        agency_id uuid NOT NULL,
        supplier_id uuid NOT NULL,
        month date NOT NULL,
        category text NOT NULL,
        currency char(3) NOT NULL,
        amount_cents bigint NOT NULL,
        status text NOT NULL
      )`);
    await db.query(`
      CREATE TABLE supplier_stats (
        supplier_id uuid NOT NULL,
        category text NOT NULL,
        currency char(3) NOT NULL,
        contracts bigint NOT NULL,
        amount_cents bigint NOT NULL,
        PRIMARY KEY (supplier_id, category, currency)
      )`);
    // The supplier's top agencies read agency_supplier_stats from the supplier side.
    await db.query(`CREATE INDEX agency_supplier_stats_supplier_top_idx ON agency_supplier_stats (supplier_id, amount_cents DESC)`);

    await db.query(`DROP TRIGGER contracts_stats ON contracts`);
    await db.query(`DROP FUNCTION hotpath_contract_stats_trigger(), hotpath_apply_contract_stats(contracts, integer), hotpath_rebuild_agency_stats()`);
    // Full recompute from the contracts table: the fast path after bulk loads, and the
    // reference that replay is checked against.
    await db.query(`
      CREATE FUNCTION hotpath_recompute_contract_stats() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        TRUNCATE contract_stats_state, agency_monthly_stats, agency_supplier_stats, supplier_stats;
        -- Filled without its key, then the key is built by one sort: a third of the time on a million contracts.
        ALTER TABLE contract_stats_state DROP CONSTRAINT contract_stats_state_pkey;
        INSERT INTO contract_stats_state (contract_id, version, agency_id, supplier_id, month, category, currency, amount_cents, status)
          SELECT id, version, agency_id, supplier_id, date_trunc('month', signed_at AT TIME ZONE 'UTC')::date, category, currency, amount_cents, status FROM contracts;
        ALTER TABLE contract_stats_state ADD CONSTRAINT contract_stats_state_pkey PRIMARY KEY (contract_id);
        INSERT INTO agency_monthly_stats (agency_id, month, category, currency, contracts, amount_cents)
          SELECT agency_id, month, category, currency, count(*), sum(amount_cents)
            FROM contract_stats_state WHERE status <> 'cancelled' GROUP BY 1, 2, 3, 4;
        INSERT INTO agency_supplier_stats (agency_id, supplier_id, currency, contracts, amount_cents)
          SELECT agency_id, supplier_id, currency, count(*), sum(amount_cents)
            FROM contract_stats_state WHERE status <> 'cancelled' GROUP BY 1, 2, 3;
        INSERT INTO supplier_stats (supplier_id, category, currency, contracts, amount_cents)
          SELECT supplier_id, category, currency, count(*), sum(amount_cents)
            FROM contract_stats_state WHERE status <> 'cancelled' GROUP BY 1, 2, 3;
      END $$`);

    await db.query(`SELECT hotpath_log_contracts_created()`);
    await db.query(`SELECT hotpath_recompute_contract_stats()`);
  }

  /** Leaves the stats tables as they are, without the old trigger: run a full recompute after re-creating it. */
  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION hotpath_recompute_contract_stats(), hotpath_log_contracts_created()`);
    await db.query(`DROP TABLE event_log, contract_stats_state, supplier_stats`);
    await db.query(`DROP FUNCTION hotpath_event_log_append_only()`);
    await db.query(`DROP INDEX agency_supplier_stats_supplier_top_idx`);
  }
}
