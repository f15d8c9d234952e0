import { type LoggerService } from '@nestjs/common';

export interface Closable {
  close(): Promise<void>;
}

/**
 * On SIGTERM or SIGINT: stop taking work, let in-flight work finish and close pools through
 * the app's shutdown hooks, and exit; if that takes longer than `timeoutMs`, exit anyway so
 * an orchestrator never waits on a stuck process.
 */
export function closeOnSignal(app: Closable, timeoutMs: number, logger: LoggerService, exit: (code: number) => void = (code) => process.exit(code)): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.log({ msg: 'shutting down', signal, timeoutMs });
    const timer = setTimeout(() => {
      logger.error({ msg: 'shutdown timed out, exiting with work still in flight', timeoutMs });
      exit(1);
    }, timeoutMs);
    timer.unref();
    app.close().then(
      () => {
        clearTimeout(timer);
        logger.log({ msg: 'shutdown complete' });
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(timer);
        logger.error({ msg: 'shutdown failed', err: error });
        exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
