import { AppConfig } from '../src/config/index.js';
import { migrate } from '../src/platform/database/index.js';

async function main(): Promise<void> {
  const config = AppConfig.fromEnv();
  const applied = await migrate(config.database);
  console.log(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database schema is up to date');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
