import type { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { queryPrepared } from '../../database/index.js';

/** Runs a named prepared statement and returns its rows: the app's pool, or a script's own connection. */
export interface SqlClient {
  query<T>(name: string, text: string, values: readonly unknown[]): Promise<T[]>;
}

export function dataSourceSql(db: DataSource): SqlClient {
  return { query: (name, text, values) => queryPrepared(db, name, text, values) };
}

export function pgClientSql(client: Client): SqlClient {
  return { query: async <T>(name: string, text: string, values: readonly unknown[]) => (await client.query({ name, text, values: [...values] })).rows as T[] };
}
