import { escapeLiteral } from 'pg';
import { CONTRACT_STATS_LOCK, CONTRACT_STATS_LOCK_WAIT_MS } from '../contract-stats.constants.js';

/** Projected states of the contracts whose ids `ids` gives (an SQL expression of type uuid[]). */
const statesOf = (ids: string) => `SELECT contract_id, version, agency_id, supplier_id, to_char(month, 'YYYY-MM-DD') AS month, category, currency, amount_cents, status
  FROM contract_stats_state WHERE contract_id = ANY(${ids})`;

/** Projected states of some contracts (`$1`). */
export const SELECT_STATES = statesOf('$1::uuid[]');

/**
 * Opens a live batch's transaction (`transactionOpenedWith`), in the one round trip of its
 * BEGIN: how long it waits for a running rebuild, sequential scans off, the projection's lock
 * (shared), then the states of `contractIds`. The lock comes before any statement that touches a
 * table: one that did would hold its table lock while it waited, and a rebuild holding the
 * projection's lock would then wait for it to truncate (a deadlock). The batch's write is a
 * prepared statement, planned once per connection: with sequential scans off, a plan made while
 * the tables were small (a fresh database, a rebuild just done) cannot stay a sequential scan as
 * they grow.
 */
export function openLiveBatch(contractIds: readonly string[]): string {
  return [
    `SELECT set_config('lock_timeout', '${CONTRACT_STATS_LOCK_WAIT_MS}', true), set_config('enable_seqscan', 'off', true)`,
    `SELECT pg_advisory_xact_lock_shared(${CONTRACT_STATS_LOCK})`,
    statesOf(`${escapeLiteral(`{${contractIds.join(',')}}`)}::uuid[]`),
  ].join('; ');
}

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
