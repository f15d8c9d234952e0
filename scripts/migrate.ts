import { AppConfig } from '../src/config/index.js';
import { migrate } from '../src/platform/database/index.js';
import { runCli } from './cli.js';

async function main(): Promise<void> {
  const config = AppConfig.fromEnv();
  const applied = await migrate(config.database);
  console.log(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database schema is up to date');
}

runCli(main);
