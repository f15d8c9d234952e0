import type { Logger } from '@nestjs/common';

const QUIET_MS = 30_000;

/**
 * An 'error' listener for a BullMQ queue or worker: while Redis is away they emit an error per
 * reconnect attempt; this logs the first and then at most one every 30 s.
 */
export function errorLogger(logger: Logger, source: string): (error: Error) => void {
  let last = 0;
  return (error) => {
    const now = Date.now();
    if (now - last < QUIET_MS) return;
    last = now;
    logger.warn({ msg: 'job queue error (retrying in the background)', source, error: error.message });
  };
}
