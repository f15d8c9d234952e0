import type { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { ContractColumns } from '../domain/contract-columns.js';
import { CONTRACT_COLUMNS_SELECT, ContractCopyParser } from './contract-copy.parser.js';

/**
 * Streams every contract out of Postgres with COPY TO (text) straight into typed arrays:
 * no ORM entity, no row object. `expectedRows` presizes the arrays (a count estimate is enough);
 * `where` narrows the rows (an SQL condition over `contracts`).
 */
export async function loadContractColumns(client: Client, expectedRows?: number, where = ''): Promise<ContractColumns> {
  const parser = new ContractCopyParser(expectedRows);
  // COPY takes no bind parameters: `where` must be built from escaped literals (see the caller).
  const stream = client.query(copyTo(`COPY (${CONTRACT_COLUMNS_SELECT}${where ? ` WHERE ${where}` : ''}) TO STDOUT`));
  for await (const chunk of stream) parser.push(chunk as Buffer);
  return parser.finish();
}
