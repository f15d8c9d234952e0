import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { AppConfig, InvalidConfigError } from './config/index.js';
import { closeOnSignal, logUnhandledRejections } from './platform/lifecycle/index.js';
import { createWorker } from './worker.factory.js';

/** `npm run start:worker`: the worker role whatever PROCESS_ROLE says. */
async function bootstrap(): Promise<void> {
  const config = AppConfig.fromEnv(undefined, { PROCESS_ROLE: 'worker' });
  const app = await createWorker(config);
  const logger = app.get(Logger);
  logUnhandledRejections(logger);
  closeOnSignal(app, config.http.shutdownTimeoutMs, logger);
  logger.log({ msg: 'worker ready', pid: process.pid });
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof InvalidConfigError ? error.message : error);
  process.exit(1);
});
