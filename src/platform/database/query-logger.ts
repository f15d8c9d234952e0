import { Logger as NestLogger } from '@nestjs/common';
import { AbstractLogger, type LogLevel, type LogMessage } from 'typeorm';

/**
 * Reports slow queries and TypeORM warnings. Failed queries are not logged here: they reach
 * the exception filter, which knows whether the failure was expected (a 409) or not.
 */
export class QueryLogger extends AbstractLogger {
  private readonly logger = new NestLogger('Database');

  constructor() {
    super(['warn']);
  }

  override logQuerySlow(time: number, query: string, parameters?: unknown[] | object): void {
    const count = Array.isArray(parameters) ? parameters.length : 0;
    this.logger.warn({ msg: 'slow query', durationMs: time, query: query.replace(/\s+/g, ' ').slice(0, 500), parameters: count });
  }

  protected writeLog(level: LogLevel, message: LogMessage | string | number | (LogMessage | string | number)[]): void {
    if (level !== 'warn') return;
    for (const entry of Array.isArray(message) ? message : [message]) {
      this.logger.warn(typeof entry === 'object' ? String(entry.message) : String(entry));
    }
  }
}
