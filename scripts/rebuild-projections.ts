import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { AppConfig } from '../src/config/index.js';
import { RebuildContractStatsService } from '../src/modules/contract-stats/index.js';
import { migrate } from '../src/platform/database/index.js';
import { runCli } from './cli.js';
import { ProjectionsRebuildModule } from './projections-rebuild.module.js';

const USAGE = 'usage: npm run projections:rebuild -- [--batch N]   (N: events per transaction batch, 1..100000, default 10000)';

/** Rebuilds the read models by replaying the event log (see RebuildContractStatsService). */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { batch: { type: 'string', default: '10000' } }, strict: true });
  const batch = Number(values.batch);
  if (!/^\d+$/.test(values.batch) || batch < 1 || batch > 100_000) {
    console.error(USAGE);
    process.exit(2);
  }
  // Its statements are bulk ones (hundreds of milliseconds on a million contracts): only those past a minute are logged as slow.
  const config = AppConfig.fromEnv(undefined, { DATABASE_SLOW_QUERY_MS: '60000' });
  await migrate(config.database);
  const app = await NestFactory.createApplicationContext(ProjectionsRebuildModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    const result = await app.get(RebuildContractStatsService).rebuild(batch);
    console.log(`contract stats rebuilt from ${result.events} events (${result.applied} applied) in ${(result.ms / 1000).toFixed(1)} s`);
  } finally {
    await app.close();
  }
}

runCli(main);
