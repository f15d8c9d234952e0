import type { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ContractStatsProjection, ProjectContractEventService } from '../../src/modules/contract-stats/index.js';
import { TieredCache } from '../../src/platform/cache/index.js';
import { readEventLog } from '../../src/platform/events/index.js';

/**
 * Brings the stats projection up to date in-process, as the worker's consumer would: contracts
 * that fixtures inserted straight into Postgres are logged as created (as the data loader does),
 * then every logged event goes through the live projection (version-guarded, so earlier ones
 * change nothing), which invalidates the app's cached stats.
 */
export async function projectStats(app: INestApplicationContext): Promise<void> {
  const db = app.get<DataSource>(getDataSourceToken());
  await db.query('SELECT hotpath_log_contracts_created()');
  const live = new ProjectContractEventService(db, new ContractStatsProjection(), app.get(TieredCache));
  for (const event of (await readEventLog(db.manager, ['contract'], '0', 1_000_000)).events) await live.handle(event);
}
