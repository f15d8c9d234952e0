import type { PostgresServerFigures } from './pool-sizing.js';

/** One statement: the server's connection limits and who holds its connections now. */
export const POSTGRES_SERVER_SQL = `SELECT current_setting('server_version') AS version,
       current_setting('max_connections')::int AS max_connections,
       current_setting('superuser_reserved_connections')::int AS reserved,
       count(*) FILTER (WHERE backend_type = 'client backend')::int AS connections,
       count(*) FILTER (WHERE backend_type = 'client backend' AND application_name LIKE 'hotpath%')::int AS hotpath
  FROM pg_stat_activity`;

export interface PostgresServerRow {
  version: string;
  max_connections: number;
  reserved: number;
  connections: number;
  hotpath: number;
}

export function toServerFigures(row: PostgresServerRow): PostgresServerFigures {
  return { version: row.version, maxConnections: row.max_connections, reservedConnections: row.reserved, connections: row.connections, hotpathConnections: row.hotpath };
}
