import 'reflect-metadata';
import cluster from 'node:cluster';
import { Logger as PinoLogger } from 'nestjs-pino';
import { createApp } from './app.factory.js';
import { AppConfig, InvalidConfigError } from './config/index.js';
import { closeOnSignal, logUnhandledRejections, runCluster } from './platform/lifecycle/index.js';
import { createProcessLogger } from './platform/logging/index.js';
import { createWorker } from './worker.factory.js';

/** Runs what PROCESS_ROLE says: api (HTTP), worker (no HTTP) or all (both in this process). */
async function bootstrap(): Promise<void> {
  const config = AppConfig.fromEnv();
  if (config.role.name === 'worker') {
    const worker = await createWorker(config);
    const logger = worker.get(PinoLogger);
    logUnhandledRejections(logger);
    closeOnSignal(worker, config.http.shutdownTimeoutMs, logger);
    logger.log({ msg: 'worker ready', pid: process.pid });
    return;
  }
  if (config.server.workers > 1 && cluster.isPrimary) {
    const logger = createProcessLogger(config.log.level, 'cluster');
    logger.log({ msg: 'starting API cluster', workers: config.server.workers });
    runCluster(config.server.workers, logger);
    return;
  }
  const app = await createApp(config);
  const appLogger = app.get(PinoLogger);
  logUnhandledRejections(appLogger);
  closeOnSignal(app, config.http.shutdownTimeoutMs, appLogger);
  await app.listen({ host: config.server.host, port: config.server.port });
  appLogger.log({ msg: 'API listening', role: config.role.name, url: `http://${config.server.host}:${config.server.port}`, pid: process.pid });
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof InvalidConfigError ? error.message : error);
  process.exit(1);
});
