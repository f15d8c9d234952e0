import type { ProjectedContract } from '../domain/projected-contract.js';

/** Each column of a contract state, in table order: its type and its value; one array parameter per column. */
const STATE_FIELDS: readonly [type: string, value: (s: ProjectedContract) => unknown][] = [
  ['uuid', (s) => s.contractId],
  ['int', (s) => s.version],
  ['uuid', (s) => s.agencyId],
  ['uuid', (s) => s.supplierId],
  ['date', (s) => s.month],
  ['text', (s) => s.category],
  ['text', (s) => s.currency],
  ['bigint', (s) => s.amountCents.toString()],
  ['text', (s) => s.status],
];

/** The states' columns as array parameters from `$from` on: `$1`..`$9` of REPLAY_STATES, `$3`..`$11` of APPLY_STATES. */
const STATE_ARRAYS = (from: number) => STATE_FIELDS.map(([type], i) => `$${from + i}::${type}[]`).join(', ');

/** The values for STATE_ARRAYS: one array per column. */
export const stateArrays = (states: readonly ProjectedContract[]): unknown[][] => STATE_FIELDS.map(([, value]) => states.map(value));

/**
 * A live batch in one statement (migration ContractStatsApply1764400000000): the projection's
 * lock (`$1`, waited for `$2` ms), the version-guarded states, the stats moved by the
 * difference. Returns the versions stored before (0: none), in the order of the ids, and the
 * agencies and suppliers whose stats moved or may have (null: none).
 */
export const APPLY_STATES = `SELECT stored_versions, agency_ids, supplier_ids FROM hotpath_apply_contract_states($1::bigint, $2::int, ${STATE_ARRAYS(3)})`;

/** The rebuild's replay of a page: the newest states, where newer than what earlier pages stored; stats come after, from the states. */
export const REPLAY_STATES = `
INSERT INTO contract_stats_state AS t (contract_id, version, agency_id, supplier_id, month, category, currency, amount_cents, status)
SELECT * FROM unnest(${STATE_ARRAYS(1)})
ON CONFLICT (contract_id) DO UPDATE
  SET version = EXCLUDED.version, agency_id = EXCLUDED.agency_id, supplier_id = EXCLUDED.supplier_id, month = EXCLUDED.month,
      category = EXCLUDED.category, currency = EXCLUDED.currency, amount_cents = EXCLUDED.amount_cents, status = EXCLUDED.status
  WHERE t.version < EXCLUDED.version`;

/** The three stats read models summed from the states (into empty tables); cancelled contracts count nowhere. */
export const SUM_STATS = [
  `INSERT INTO agency_monthly_stats (agency_id, month, category, currency, contracts, amount_cents)
   SELECT agency_id, month, category, currency, count(*), sum(amount_cents) FROM contract_stats_state WHERE status <> 'cancelled' GROUP BY 1, 2, 3, 4`,
  `INSERT INTO agency_supplier_stats (agency_id, supplier_id, currency, contracts, amount_cents)
   SELECT agency_id, supplier_id, currency, count(*), sum(amount_cents) FROM contract_stats_state WHERE status <> 'cancelled' GROUP BY 1, 2, 3`,
  `INSERT INTO supplier_stats (supplier_id, category, currency, contracts, amount_cents)
   SELECT supplier_id, category, currency, count(*), sum(amount_cents) FROM contract_stats_state WHERE status <> 'cancelled' GROUP BY 1, 2, 3`,
];
