import cluster from 'node:cluster';
import { type LoggerService } from '@nestjs/common';

const RESTART_WINDOW_MS = 60_000;
const MAX_RESTARTS_PER_WINDOW = 10;

/**
 * Runs `workers` copies of the API under a cluster primary: a worker that dies is replaced
 * (up to 10 a minute, then the primary gives up rather than crash-loop), and SIGTERM/SIGINT
 * are passed on so every worker drains before the primary exits.
 */
export function runCluster(workers: number, logger: LoggerService): void {
  let stopping = false;
  const restarts: number[] = [];
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    const now = Date.now();
    while (restarts.length && now - restarts[0] > RESTART_WINDOW_MS) restarts.shift();
    if (restarts.length >= MAX_RESTARTS_PER_WINDOW) {
      logger.error({ msg: 'API workers keep dying; stopping the cluster', restarts: restarts.length });
      process.exit(1);
    }
    restarts.push(now);
    logger.warn({ msg: 'API worker died, starting another', pid: worker.process.pid, code, signal });
    cluster.fork();
  });
  const stop = (signal: NodeJS.Signals) => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
