import type { LoggerService } from '@nestjs/common';
import { pino } from 'pino';

/** JSON logger for code that runs outside a Nest application (the cluster primary). */
export function createProcessLogger(level: string, name: string): LoggerService {
  const logger = pino({ level, name });
  return {
    log: (message: unknown) => logger.info(message),
    warn: (message: unknown) => logger.warn(message),
    error: (message: unknown) => logger.error(message),
  };
}
