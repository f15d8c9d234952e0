import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryPrepared } from '../../../platform/database/index.js';
import { ContractNotFoundError } from '../domain/contract.errors.js';
import type { LoggedContractEvent } from '../domain/contract-history.js';
import { CONTRACT_AGGREGATE } from '../domain/contract.events.js';

/**
 * A contract's events, from version `$2` on, with whether the contract exists (a contract
 * with no logged event yet is not a 404). One statement on the event log's
 * (aggregate_type, aggregate_id, aggregate_version) key.
 */
const EVENTS = `SELECT e.aggregate_version AS version, e.type, e.occurred_at, e.actor, e.payload, true AS contract_exists
   FROM event_log e
  WHERE e.aggregate_type = $1 AND e.aggregate_id = $2 AND e.aggregate_version >= $3
  UNION ALL
 SELECT NULL, NULL, NULL, NULL, NULL, EXISTS (SELECT 1 FROM contracts WHERE id = $2)
  WHERE NOT EXISTS (SELECT 1 FROM event_log WHERE aggregate_type = $1 AND aggregate_id = $2 AND aggregate_version >= $3)
  ORDER BY version
  LIMIT $4`;

interface EventRow {
  version: number | null;
  type: string;
  occurred_at: Date;
  actor: string | null;
  payload: LoggedContractEvent['payload'];
  contract_exists: boolean;
}

@Injectable()
export class ContractHistoryRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Up to `limit` events of the contract from version `fromVersion` (0: from the first); 404 for an unknown contract. */
  async events(id: string, fromVersion: number, limit: number): Promise<LoggedContractEvent[]> {
    // One more row than asked: a page after the first starts with the version before it.
    const rows = await queryPrepared<EventRow>(this.db, 'hotpath-contract-history', EVENTS, [CONTRACT_AGGREGATE, id, fromVersion, limit + 1]);
    if (rows.length === 1 && rows[0].version === null) {
      if (!rows[0].contract_exists) throw new ContractNotFoundError(id);
      return [];
    }
    return rows.map((row) => ({ version: row.version as number, type: row.type, at: row.occurred_at.toISOString(), actor: row.actor, payload: row.payload }));
  }
}
