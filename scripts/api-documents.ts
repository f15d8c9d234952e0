import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from '../src/app.module.js';
import { buildApiDocuments } from '../src/app.openapi.js';
import { AppConfig } from '../src/config/index.js';
import { runCli, UsageError } from './cli.js';

const USAGE = 'usage: node dist/scripts/api-documents.js <folder>   (writes public.json and admin.json)';

/**
 * Writes the API's OpenAPI documents as the app serves them, from a preview of the app: its
 * modules are read, no provider is built and no connection is made, so no service is needed.
 */
async function main(): Promise<void> {
  const folder = process.argv[2];
  if (!folder) throw new UsageError('the output folder is missing');
  // Defaults only: the documents do not depend on the environment.
  const config = AppConfig.fromEnv({});
  const app = await NestFactory.create(AppModule.forRoot(config), new FastifyAdapter(), { preview: true, logger: false, abortOnError: false });
  const documents = buildApiDocuments(app);
  await app.close();
  mkdirSync(folder, { recursive: true });
  for (const [name, document] of Object.entries(documents)) writeFileSync(join(folder, `${name}.json`), `${JSON.stringify(document, null, 2)}\n`);
  console.log(`wrote ${Object.keys(documents).map((name) => join(folder, `${name}.json`)).join(', ')}`);
}

runCli(main, USAGE);
