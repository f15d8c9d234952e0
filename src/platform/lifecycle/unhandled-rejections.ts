import { type LoggerService } from '@nestjs/common';

/**
 * A promise rejection nobody handled is logged with its error, and the process keeps serving.
 * Node's default would end the process; the ones seen here were a library's queued Redis
 * command failing with "Connection is closed" after its connection was dropped, which must not
 * take every request in flight down with it. Uncaught exceptions still end the process.
 */
export function logUnhandledRejections(logger: LoggerService): () => void {
  const onRejection = (reason: unknown) => logger.error({ msg: 'unhandled promise rejection; the process keeps running', err: reason });
  process.on('unhandledRejection', onRejection);
  return () => process.off('unhandledRejection', onRejection);
}
