import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { AppConfig } from '../src/config/index.js';
import { migrate } from '../src/platform/database/index.js';
import { positiveInt, runCli, UsageError } from './cli.js';
import { generateData } from './data/load.js';
import { progressReporter } from './data/progress.js';

const USAGE = 'usage: npm run data:generate -- [--contracts N] [--seed S] [--agencies N] [--suppliers N] [--reset] [--if-empty]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      contracts: { type: 'string' },
      seed: { type: 'string' },
      agencies: { type: 'string' },
      suppliers: { type: 'string' },
      reset: { type: 'boolean', default: false },
      'if-empty': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const contracts = positiveInt('contracts', values.contracts, 100_000, 50_000_000);
  const seed = positiveInt('seed', values.seed, 42, 2 ** 32 - 1);
  const agencies = positiveInt('agencies', values.agencies, undefined, 100_000);
  const suppliers = positiveInt('suppliers', values.suppliers, undefined, 10_000_000);
  const config = AppConfig.fromEnv();
  await migrate(config.database);

  const client = new Client({ connectionString: config.database.url });
  await client.connect();
  const { rows } = await client.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM contracts) OR EXISTS (SELECT 1 FROM agencies) AS any');
  await client.end();
  if (rows[0].any && values['if-empty']) {
    console.log('database already has data; nothing generated (--if-empty)');
    return;
  }
  if (rows[0].any && !values.reset) throw new UsageError('database already has data: pass --reset to replace it, or --if-empty to keep it');

  const progress = progressReporter(contracts);
  const result = await generateData({ url: config.database.url, contracts, seed, agencies, suppliers, reset: values.reset, onProgress: progress.update });
  progress.stop();
  const t = result.timings;
  console.log(`planted anomalies: ${Object.entries(result.groundTruth).map(([k, v]) => `${k}=${v}`).join(', ')}`);
  console.log(`timings: generate+copy ${(t.generateAndCopyMs / 1000).toFixed(1)} s, indexes ${(t.indexMs / 1000).toFixed(1)} s, event log keys ${(t.eventKeysMs / 1000).toFixed(1)} s and stats ${(t.statsMs / 1000).toFixed(1)} s side by side (${(t.indexAndStatsMs / 1000).toFixed(1)} s), analyze ${(t.analyzeMs / 1000).toFixed(1)} s`);
  console.log(`loaded ${result.contracts} contracts, ${result.agencies} agencies, ${result.suppliers} suppliers in ${(t.totalMs / 1000).toFixed(1)} s (${Math.round(result.contracts / (t.totalMs / 1000))} rows/s)`);
}

runCli(main, USAGE);
