import { type MigrationInterface, type QueryRunner } from 'typeorm';

const STATS_TABLES = ['agency_monthly_stats', 'agency_supplier_stats', 'supplier_stats'];

/**
 * Stats sums that cannot overflow: the read models' `amount_cents` become `numeric`. A contract
 * holds at most 2^53-1 cents (the API's maximum, now also a check on new rows), so 1,025 of them
 * in one agency's month overflowed the `bigint` sums: the projection's statement failed for good
 * (the event dead-lettered) and the stats reads, which cast sums to `bigint`, answered 500.
 * `hotpath_apply_contract_states` (ContractStatsApply1764400000000) needs no new body: its deltas
 * are `sum(bigint)`, already `numeric`, and it adds them to the columns whatever their type.
 */
export class ExactStatsSums1764500000000 implements MigrationInterface {
  name = 'ExactStatsSums1764500000000';

  async up(db: QueryRunner): Promise<void> {
    for (const table of STATS_TABLES) await db.query(`ALTER TABLE ${table} ALTER COLUMN amount_cents TYPE numeric USING amount_cents::numeric`);
    // NOT VALID: existing rows are not scanned; every new or changed row is checked.
    await db.query(`ALTER TABLE contracts ADD CONSTRAINT contracts_amount_cents_range CHECK (amount_cents BETWEEN 0 AND 9007199254740991) NOT VALID`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE contracts DROP CONSTRAINT contracts_amount_cents_range`);
    for (const table of STATS_TABLES) await db.query(`ALTER TABLE ${table} ALTER COLUMN amount_cents TYPE bigint USING amount_cents::bigint`);
  }
}
