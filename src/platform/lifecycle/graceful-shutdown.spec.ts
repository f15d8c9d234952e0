import { jest } from '@jest/globals';
import type { LoggerService } from '@nestjs/common';
import { closeOnSignal } from './graceful-shutdown.js';

const silent: LoggerService = { log: () => undefined, error: () => undefined, warn: () => undefined };

describe('closeOnSignal', () => {
  afterEach(() => {
    process.removeAllListeners('SIGTERM');
    process.removeAllListeners('SIGINT');
    jest.useRealTimers();
  });

  it('closes the app once and exits 0 when it drains in time', async () => {
    const close = jest.fn(() => Promise.resolve());
    const exit = jest.fn();
    closeOnSignal({ close }, 1000, silent, exit);
    process.emit('SIGTERM');
    process.emit('SIGINT');
    await new Promise((resolve) => setImmediate(resolve));
    expect(close).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledWith(0);
  });

  it('exits 1 when draining outlasts the timeout', () => {
    jest.useFakeTimers();
    const exit = jest.fn();
    closeOnSignal({ close: () => new Promise<void>(() => undefined) }, 500, silent, exit);
    process.emit('SIGTERM');
    jest.advanceTimersByTime(499);
    expect(exit).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(exit).toHaveBeenCalledWith(1);
  });

  it('exits 1 when closing fails', async () => {
    const exit = jest.fn();
    closeOnSignal({ close: () => Promise.reject(new Error('pool stuck')) }, 1000, silent, exit);
    process.emit('SIGINT');
    await new Promise((resolve) => setImmediate(resolve));
    expect(exit).toHaveBeenCalledWith(1);
  });
});
