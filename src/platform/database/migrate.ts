import { DataSource } from 'typeorm';
import { dataSourceOptions, type DatabaseSettings } from './data-source-options.js';
import { ensureDatabase } from './ensure-database.js';

/** Creates the database if needed and applies pending migrations; returns their names. */
export async function migrate(settings: DatabaseSettings): Promise<string[]> {
  await ensureDatabase(settings.url, settings.acquireTimeoutMs);
  const dataSource = new DataSource({ ...dataSourceOptions({ ...settings, poolSize: 1, maxOverflow: 0 }, 'hotpath-migrate'), migrationsTransactionMode: 'each' });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations();
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
