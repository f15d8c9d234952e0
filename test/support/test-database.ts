import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { dropDatabase, migrate } from '../../src/platform/database/index.js';

const BASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  readonly url: string;
  readonly name: string;
  /** A connected client for assertions and fixtures; closed by `drop()`. */
  readonly client: Client;
  drop(): Promise<void>;
}

/** A database of its own for one test file, migrated, dropped afterwards. */
export async function createTestDatabase(label = 'test'): Promise<TestDatabase> {
  const name = `hotpath_${label}_${randomBytes(4).toString('hex')}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const url = new URL(BASE_URL);
  url.pathname = `/${name}`;
  const href = url.toString();
  await migrate({ url: href, poolSize: 1, maxOverflow: 0, acquireTimeoutMs: 5000, idleTimeoutMs: 1000, statementTimeoutMs: 60000, slowQueryMs: 10000 });
  const client = new Client({ connectionString: href });
  await client.connect();
  return {
    url: href,
    name,
    client,
    drop: async () => {
      await client.end();
      await dropDatabase(href);
    },
  };
}

/** A Redis key prefix no other test run shares. */
export function testKeyPrefix(label = 'test'): string {
  return `hotpath-test:${label}:${randomBytes(4).toString('hex')}`;
}
