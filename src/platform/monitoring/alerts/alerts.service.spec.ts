import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { MonitoringModuleOptions } from '../monitoring.options.js';
import { AlertsService } from './alerts.service.js';
import type { Collected, SignalsCollector } from './signals.collector.js';
import type { Signals, Thresholds } from './thresholds.js';

const levels = { warning: 100, critical: 1000 };
const thresholds = Object.fromEntries(['redisSlowPerMinute', 'redisErrorRate', 'redisP95Ms', 'redisMemoryUse', 'redisClientsUse', 'dbPoolUse', 'dbPoolWaitsPerMinute', 'consumerLag', 'outboxAgeSeconds', 'queueDepth'].map((s) => [s, levels])) as unknown as Thresholds;
thresholds.cacheHitRatio = { warning: 0.5, critical: 0.2 };
const quiet = Object.fromEntries(Object.keys(thresholds).map((s) => [s, null])) as Signals;

describe('AlertsService', () => {
  let now: number;
  let queueDepth: number | null;
  let collected: number;
  let service: AlertsService;
  const collector = {
    collect: async (): Promise<Collected> => {
      collected++;
      return { signals: { ...quiet, queueDepth }, server: null, pipeline: null };
    },
  } as unknown as SignalsCollector;
  const options = (intervalMs: number) => ({ intervalMs, alertForMs: 60_000, thresholds }) as MonitoringModuleOptions;

  beforeEach(() => {
    now = Date.UTC(2026, 0, 1);
    queueDepth = 0;
    collected = 0;
  });

  it('evaluates on an unref\'d timer from bootstrap, and stops before shutdown', async () => {
    jest.useFakeTimers();
    try {
      service = new AlertsService(options(15_000), () => now, collector);
      service.onApplicationBootstrap();
      expect(jest.getTimerCount()).toBe(1);
      // It never keeps the process alive.
      expect((service as unknown as { timer: NodeJS.Timeout }).timer.hasRef()).toBe(false);
      await jest.advanceTimersByTimeAsync(45_000);
      expect(collected).toBe(3);
      await service.beforeApplicationShutdown();
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });

  it('runs no timer with interval 0, and evaluates when asked', async () => {
    service = new AlertsService(options(0), () => now, collector);
    service.onApplicationBootstrap();
    const report = await service.report();
    expect(collected).toBe(1);
    expect(report).toMatchObject({ evaluatedAt: new Date(now).toISOString(), intervalMs: 0, forSeconds: 60, alerts: [] });
    expect(report.rules.find((r) => r.name === 'HotpathQueueDepth')).toMatchObject({ state: 'ok', value: 0 });
  });

  it('answers from the latest evaluation within the interval', async () => {
    service = new AlertsService(options(15_000), () => now, collector);
    await service.report();
    now += 10_000;
    await service.report();
    expect(collected).toBe(1);
    now += 5_000;
    await service.report();
    expect(collected).toBe(2);
  });

  it('lists pending and firing alerts, critical first, and logs when one fires and when it resolves', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    try {
      service = new AlertsService(options(0), () => now, collector);
      queueDepth = 5000;
      expect((await service.report()).alerts).toEqual([expect.objectContaining({ name: 'HotpathQueueDepth', state: 'pending', severity: 'critical' })]);
      now += 60_000;
      expect((await service.report()).alerts).toEqual([expect.objectContaining({ name: 'HotpathQueueDepth', state: 'firing', severity: 'critical' })]);
      queueDepth = 3;
      now += 15_000;
      expect((await service.report()).alerts).toEqual([]);
      expect(warn.mock.calls.map(([entry]) => entry)).toEqual([{ msg: 'alert firing', alert: 'HotpathQueueDepth', severity: 'critical', value: 5000, warning: 100, critical: 1000 }]);
      expect(log.mock.calls.map(([entry]) => entry)).toEqual([{ msg: 'alert resolved', alert: 'HotpathQueueDepth', value: 3 }]);
    } finally {
      warn.mockRestore();
      log.mockRestore();
    }
  });
});
