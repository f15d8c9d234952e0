/**
 * Opens a live batch's transaction in one round trip: how long it waits for a running rebuild
 * (`$1`, ms), sequential scans off, then the projection's lock, shared (`$2`). The batch's
 * statements are prepared, planned once per connection: a plan made while the tables were small
 * (a fresh database, a rebuild just begun) would otherwise stay a sequential scan as they grow.
 * Nothing here touches a table: a statement that did would hold its table lock while it waited,
 * and a rebuild holding the projection's lock would then wait for it to truncate (a deadlock).
 */
export const LOCK_LIVE_BATCH = `WITH settings AS MATERIALIZED (SELECT set_config('lock_timeout', $1::text, true), set_config('enable_seqscan', 'off', true))
  SELECT pg_advisory_xact_lock_shared($2::bigint) FROM settings`;

/** Projected states of some contracts. */
export const SELECT_STATES = `SELECT contract_id, version, agency_id, supplier_id, to_char(month, 'YYYY-MM-DD') AS month, category, currency, amount_cents, status
  FROM contract_stats_state WHERE contract_id = ANY($1::uuid[])`;

/**
 * One statement per batch: the new contract states, each guarded by the version read before
 * (a state another transaction changed in between is not written, and the caller rolls back),
 * and the merged deltas of the three read models. Returns how many states were written and
 * whether some stats row dropped to zero contracts.
 */
export const WRITE_BATCH = `
WITH s AS (
  SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[], $4::uuid[], $5::uuid[], $6::date[], $7::text[], $8::text[], $9::bigint[], $10::text[])
    AS n(contract_id, stored_version, version, agency_id, supplier_id, month, category, currency, amount_cents, status)
),
inserted AS (
  INSERT INTO contract_stats_state (contract_id, version, agency_id, supplier_id, month, category, currency, amount_cents, status)
  SELECT contract_id, version, agency_id, supplier_id, month, category, currency, amount_cents, status FROM s WHERE stored_version = 0
  ON CONFLICT (contract_id) DO NOTHING
  RETURNING 1
),
updated AS (
  UPDATE contract_stats_state t
     SET version = s.version, agency_id = s.agency_id, supplier_id = s.supplier_id, month = s.month, category = s.category,
         currency = s.currency, amount_cents = s.amount_cents, status = s.status
    FROM s
   WHERE s.stored_version > 0 AND t.contract_id = s.contract_id AND t.version = s.stored_version
  RETURNING 1
),
agency_monthly AS (
  INSERT INTO agency_monthly_stats AS t (agency_id, month, category, currency, contracts, amount_cents)
  SELECT * FROM unnest($11::uuid[], $12::date[], $13::text[], $14::text[], $15::bigint[], $16::bigint[])
  ON CONFLICT (agency_id, month, category, currency) DO UPDATE
    SET contracts = t.contracts + EXCLUDED.contracts, amount_cents = t.amount_cents + EXCLUDED.amount_cents
  RETURNING t.contracts
),
agency_supplier AS (
  INSERT INTO agency_supplier_stats AS t (agency_id, supplier_id, currency, contracts, amount_cents)
  SELECT * FROM unnest($17::uuid[], $18::uuid[], $19::text[], $20::bigint[], $21::bigint[])
  ON CONFLICT (agency_id, supplier_id, currency) DO UPDATE
    SET contracts = t.contracts + EXCLUDED.contracts, amount_cents = t.amount_cents + EXCLUDED.amount_cents
  RETURNING t.contracts
),
supplier_category AS (
  INSERT INTO supplier_stats AS t (supplier_id, category, currency, contracts, amount_cents)
  SELECT * FROM unnest($22::uuid[], $23::text[], $24::text[], $25::bigint[], $26::bigint[])
  ON CONFLICT (supplier_id, category, currency) DO UPDATE
    SET contracts = t.contracts + EXCLUDED.contracts, amount_cents = t.amount_cents + EXCLUDED.amount_cents
  RETURNING t.contracts
)
SELECT (SELECT count(*) FROM inserted)::int + (SELECT count(*) FROM updated)::int AS written,
       EXISTS (SELECT 1 FROM agency_monthly WHERE contracts = 0 UNION ALL SELECT 1 FROM agency_supplier WHERE contracts = 0
               UNION ALL SELECT 1 FROM supplier_category WHERE contracts = 0) AS emptied`;

/** Rows left at zero contracts once a batch moved totals away (a full recompute has none). */
export const DELETE_EMPTIED_AGENCY_ROWS = [
  'DELETE FROM agency_monthly_stats WHERE agency_id = ANY($1::uuid[]) AND contracts = 0',
  'DELETE FROM agency_supplier_stats WHERE agency_id = ANY($1::uuid[]) AND contracts = 0',
];
export const DELETE_EMPTIED_SUPPLIER_ROWS = 'DELETE FROM supplier_stats WHERE supplier_id = ANY($1::uuid[]) AND contracts = 0';
