import { jest } from '@jest/globals';
import type { LoggerService } from '@nestjs/common';
import { logUnhandledRejections } from './unhandled-rejections.js';

describe('logUnhandledRejections', () => {
  it('logs a rejection nobody handled, with its error, until it is removed', () => {
    const error = jest.fn();
    const logger: LoggerService = { log: () => undefined, warn: () => undefined, error };
    const remove = logUnhandledRejections(logger);
    const reason = new Error('Connection is closed.');
    const rejected = Promise.reject(reason);
    rejected.catch(() => undefined);
    try {
      // What Node emits for a rejection still unhandled at the end of a tick.
      process.emit('unhandledRejection', reason, rejected);
      expect(error).toHaveBeenCalledWith({ msg: 'unhandled promise rejection; the process keeps running', err: reason });
    } finally {
      remove();
    }
    process.emit('unhandledRejection', reason, rejected);
    expect(error).toHaveBeenCalledTimes(1);
  });
});
