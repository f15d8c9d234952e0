import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import { dataSourceOptions, dropDatabase, ensureDatabase, migrate } from '../../src/platform/database/index.js';

const BASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  readonly url: string;
  readonly name: string;
  /** A connected client for assertions and fixtures; closed by `drop()`. */
  readonly client: Client;
  drop(): Promise<void>;
}

/** A database of its own for one test file, migrated (or only up to the first `migrations`, to test a later one), dropped afterwards. */
export async function createTestDatabase(label = 'test', migrations = MIGRATIONS.length): Promise<TestDatabase> {
  const name = `hotpath_${label}_${randomBytes(4).toString('hex')}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const url = new URL(BASE_URL);
  url.pathname = `/${name}`;
  const href = url.toString();
  const settings = { url: href, poolSize: 1, maxOverflow: 0, acquireTimeoutMs: 5000, idleTimeoutMs: 1000, statementTimeoutMs: 60000, slowQueryMs: 10000 };
  if (migrations === MIGRATIONS.length) await migrate(settings);
  else await migrateUpTo(settings, migrations);
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

async function migrateUpTo(settings: Parameters<typeof migrate>[0], count: number): Promise<void> {
  await ensureDatabase(settings.url, settings.acquireTimeoutMs);
  const dataSource = new DataSource({ ...dataSourceOptions(settings), migrations: MIGRATIONS.slice(0, count), migrationsTransactionMode: 'each' });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
  } finally {
    await dataSource.destroy();
  }
}
