import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig, InvalidConfigError } from './config/index.js';
import { closeOnSignal } from './platform/lifecycle/index.js';
import { WorkerModule } from './worker.module.js';

async function bootstrap(): Promise<void> {
  const config = AppConfig.fromEnv();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true, abortOnError: false });
  const logger = app.get(Logger);
  app.useLogger(logger);
  await app.init();
  closeOnSignal(app, config.http.shutdownTimeoutMs, logger);
  logger.log({ msg: 'worker ready', pid: process.pid });
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof InvalidConfigError ? error.message : error);
  process.exit(1);
});
