import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The live contract stats projection as one statement: `hotpath_apply_contract_states` takes
 * the newest projected state of each contract of a batch and, in the call, waits for the
 * projection's lock (shared), reads the stored states, writes the newer ones (guarded by the
 * version it read), moves the three stats read models by the difference and drops the rows left
 * at zero contracts. A live batch is then one round trip, in its own implicit transaction.
 *
 * Being a function is what makes it safe as one statement: the calling statement locks no
 * table, so the projection's lock is taken before any table is touched (a rebuild holding it
 * exclusively while it truncates the states cannot deadlock with a waiting batch), and a state
 * another transaction changed meanwhile raises (`HPC01`), which rolls back everything the call
 * wrote. The lock's key and how long to wait for it are arguments, so they stay in the app's
 * constants. Sequential scans are off inside: the function's plans are kept per connection once
 * generic, and one made while the tables were small must not stay a sequential scan as they grow.
 */
/** The stats read models: their key, and the function's list of the ids (of the key's first column) a batch touched. */
const STATS = [
  { table: 'agency_monthly_stats', keys: ['agency_id', 'month', 'category', 'currency'], touched: 'agency_ids' },
  { table: 'agency_supplier_stats', keys: ['agency_id', 'supplier_id', 'currency'], touched: 'agency_ids' },
  { table: 'supplier_stats', keys: ['supplier_id', 'category', 'currency'], touched: 'supplier_ids' },
];

/** A CTE adding the summed deltas to one stats table, returning the rows' new counts. */
const upsertDelta = ({ table, keys }: (typeof STATS)[number]) => {
  const key = keys.join(', ');
  return `        ${table}_moved AS (
          INSERT INTO ${table} AS t (${key}, contracts, amount_cents)
          SELECT ${key}, sum(contracts), sum(amount_cents) FROM delta GROUP BY ${key}
          HAVING sum(contracts) <> 0 OR sum(amount_cents) <> 0 ORDER BY ${key}
          ON CONFLICT (${key}) DO UPDATE SET contracts = t.contracts + EXCLUDED.contracts, amount_cents = t.amount_cents + EXCLUDED.amount_cents
          RETURNING t.contracts
        ),`;
};

export class ContractStatsApply1764400000000 implements MigrationInterface {
  name = 'ContractStatsApply1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION hotpath_apply_contract_states(
        lock_key bigint, lock_wait_ms integer,
        ids uuid[], versions integer[], agencies uuid[], suppliers uuid[], months date[], categories text[], currencies text[], amounts bigint[], statuses text[],
        OUT stored_versions integer[], OUT agency_ids uuid[], OUT supplier_ids uuid[])
      LANGUAGE plpgsql SET enable_seqscan = off AS $$
      DECLARE
        wait_before text := current_setting('lock_timeout');
        expected integer;
        written integer;
        emptied boolean;
      BEGIN
        PERFORM set_config('lock_timeout', lock_wait_ms || 'ms', true);
        PERFORM pg_advisory_xact_lock_shared(lock_key);
        PERFORM set_config('lock_timeout', wait_before, true);

        WITH pair AS (
          -- Each new state beside the one stored before it (none: old_version is null).
          SELECT n.*, o.version AS old_version, o.agency_id AS old_agency_id, o.supplier_id AS old_supplier_id, o.month AS old_month,
                 o.category AS old_category, o.currency AS old_currency, o.amount_cents AS old_amount_cents, o.status AS old_status
            FROM unnest(ids, versions, agencies, suppliers, months, categories, currencies, amounts, statuses) WITH ORDINALITY
                   AS n(contract_id, version, agency_id, supplier_id, month, category, currency, amount_cents, status, i)
            LEFT JOIN contract_stats_state o ON o.contract_id = n.contract_id
        ),
        moved AS (SELECT * FROM pair WHERE old_version IS NULL OR old_version < version),
        inserted AS (
          INSERT INTO contract_stats_state (contract_id, version, agency_id, supplier_id, month, category, currency, amount_cents, status)
          SELECT contract_id, version, agency_id, supplier_id, month, category, currency, amount_cents, status FROM moved WHERE old_version IS NULL
          ON CONFLICT (contract_id) DO NOTHING
          RETURNING 1
        ),
        updated AS (
          UPDATE contract_stats_state t
             SET version = m.version, agency_id = m.agency_id, supplier_id = m.supplier_id, month = m.month, category = m.category,
                 currency = m.currency, amount_cents = m.amount_cents, status = m.status
            FROM moved m
           WHERE m.old_version IS NOT NULL AND t.contract_id = m.contract_id AND t.version = m.old_version
          RETURNING 1
        ),
        -- What each moved contract adds, and what its stored state took back (cancelled ones count nowhere).
        delta AS (
          SELECT agency_id, supplier_id, month, category, currency, 1 AS contracts, amount_cents FROM moved WHERE status <> 'cancelled'
          UNION ALL
          SELECT old_agency_id, old_supplier_id, old_month, old_category, old_currency, -1, -old_amount_cents FROM moved
           WHERE old_version IS NOT NULL AND old_status <> 'cancelled'
        ),
        -- Each stats row once, in key order (a stable lock order for concurrent batches).
${STATS.map(upsertDelta).join('\n')}
        -- The agencies and suppliers whose stats moved, or may have: a state stored at the event's
        -- own version is a redelivery, whose first delivery may have died before invalidating.
        touched AS (
          SELECT agency_id, supplier_id FROM pair WHERE old_version IS NULL OR old_version <= version
          UNION SELECT old_agency_id, old_supplier_id FROM moved WHERE old_version IS NOT NULL
        )
        SELECT (SELECT count(*) FROM moved),
               (SELECT count(*) FROM inserted) + (SELECT count(*) FROM updated),
               EXISTS (${STATS.map(({ table }) => `SELECT 1 FROM ${table}_moved WHERE contracts = 0`).join(' UNION ALL ')}),
               (SELECT array_agg(coalesce(old_version, 0) ORDER BY i) FROM pair),
               (SELECT array_agg(DISTINCT agency_id) FROM touched),
               (SELECT array_agg(DISTINCT supplier_id) FROM touched)
          INTO expected, written, emptied, stored_versions, agency_ids, supplier_ids;

        IF written <> expected THEN
          RAISE EXCEPTION 'contract stats: % of % contract states changed concurrently; the batch was rolled back', expected - written, expected
            USING ERRCODE = 'HPC01';
        END IF;
        IF emptied THEN
          ${STATS.map(({ table, keys, touched }) => `DELETE FROM ${table} WHERE ${keys[0]} = ANY(${touched}) AND contracts = 0;`).join('\n          ')}
        END IF;
      END $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION hotpath_apply_contract_states(bigint, integer, uuid[], integer[], uuid[], uuid[], date[], text[], text[], bigint[], text[])`);
  }
}
