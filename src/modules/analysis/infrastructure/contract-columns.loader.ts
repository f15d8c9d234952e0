import type { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { ContractColumns } from '../domain/contract-columns.js';
import { CONTRACT_COLUMNS_SELECT, ContractBinaryCopyParser } from './contract-binary-copy.parser.js';

/**
 * Streams contracts out of Postgres with a binary COPY straight into typed arrays: no ORM
 * entity, no row object, no text formatting on the server. `expectedRows` presizes the arrays;
 * `where` narrows the rows (an SQL condition over `contracts`).
 */
export async function loadContractColumns(client: Client, expectedRows?: number, where = ''): Promise<ContractColumns> {
  const parser = new ContractBinaryCopyParser(expectedRows);
  // COPY takes no bind parameters: `where` must be built from escaped literals (see its callers).
  const stream = client.query(copyTo(`COPY (${CONTRACT_COLUMNS_SELECT}${where ? ` WHERE ${where}` : ''}) TO STDOUT (FORMAT binary)`));
  for await (const chunk of stream) parser.push(chunk as Buffer);
  return parser.finish();
}
