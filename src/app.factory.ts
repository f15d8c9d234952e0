import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { buildApiDocuments, serveApiDocuments } from './app.openapi.js';
import { AppConfig } from './config/index.js';
import { configureHttpApp, fastifyOptions } from './platform/http/index.js';
import { registerQueueBoard } from './platform/jobs/index.js';
import { registerRequestLogging } from './platform/logging/index.js';

/** Builds the HTTP application exactly as production runs it (tests and benchmarks use this too). */
export async function createApp(config: AppConfig = AppConfig.fromEnv()): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), new FastifyAdapter(fastifyOptions(config.http)), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  configureHttpApp(app, config.http);
  if (config.http.docsEnabled) serveApiDocuments(app, buildApiDocuments(app));
  registerRequestLogging(app.getHttpAdapter().getInstance());
  await registerQueueBoard(app);
  return app;
}
