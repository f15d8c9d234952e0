import { ALERT_RULES } from './alert-rules.js';
import { AlertStates } from './alert-states.js';
import type { Signals, Thresholds } from './thresholds.js';

const levels = (warning: number, critical: number) => ({ warning, critical });
const THRESHOLDS: Thresholds = {
  redisSlowPerMinute: levels(10, 100),
  redisErrorRate: levels(0.01, 0.05),
  redisP95Ms: levels(5, 20),
  redisMemoryUse: levels(0.8, 0.95),
  redisClientsUse: levels(0.8, 0.95),
  dbPoolUse: levels(0.8, 0.95),
  dbPoolWaitsPerMinute: levels(1, 60),
  cacheHitRatio: levels(0.5, 0.2),
  consumerLag: levels(1000, 10000),
  outboxAgeSeconds: levels(30, 300),
  queueDepth: levels(100, 1000),
};
const QUIET: Signals = { redisSlowPerMinute: 0, redisErrorRate: 0, redisP95Ms: 1, redisMemoryUse: 0.1, redisClientsUse: 0.1, dbPoolUse: 0.1, dbPoolWaitsPerMinute: 0, cacheHitRatio: 0.9, consumerLag: 0, outboxAgeSeconds: 0, queueDepth: 0 };

describe('AlertStates', () => {
  const T0 = Date.UTC(2026, 0, 1);
  const states = () => new AlertStates(ALERT_RULES, THRESHOLDS, 60_000);
  const named = (rules: ReturnType<AlertStates['evaluate']>, name: string) => rules.find((r) => r.name === name);

  it('has every rule ok when nothing crosses a level', () => {
    expect(states().evaluate(QUIET, T0).every((rule) => rule.state === 'ok' && rule.severity === null)).toBe(true);
  });

  it('is pending from the evaluation that crosses a level, and fires once it stayed crossed for the `for` time', () => {
    const alerts = states();
    expect(named(alerts.evaluate({ ...QUIET, outboxAgeSeconds: 45 }, T0), 'HotpathOutboxAge')).toMatchObject({ state: 'pending', severity: 'warning', value: 45, since: new Date(T0).toISOString() });
    expect(named(alerts.evaluate({ ...QUIET, outboxAgeSeconds: 50 }, T0 + 59_999), 'HotpathOutboxAge')?.state).toBe('pending');
    expect(named(alerts.evaluate({ ...QUIET, outboxAgeSeconds: 55 }, T0 + 60_000), 'HotpathOutboxAge')).toMatchObject({ state: 'firing', severity: 'warning', since: new Date(T0).toISOString() });
  });

  it('keeps firing the warning while a newly crossed critical level is pending, then fires critical', () => {
    const alerts = states();
    alerts.evaluate({ ...QUIET, queueDepth: 200 }, T0);
    expect(named(alerts.evaluate({ ...QUIET, queueDepth: 5000 }, T0 + 60_000), 'HotpathQueueDepth')).toMatchObject({ state: 'firing', severity: 'warning' });
    expect(named(alerts.evaluate({ ...QUIET, queueDepth: 5000 }, T0 + 120_000), 'HotpathQueueDepth')).toMatchObject({ state: 'firing', severity: 'critical', since: new Date(T0 + 60_000).toISOString() });
  });

  it('resolves at the first evaluation that finds the level not crossed, and starts over after', () => {
    const alerts = states();
    alerts.evaluate({ ...QUIET, consumerLag: 2000 }, T0);
    alerts.evaluate({ ...QUIET, consumerLag: 2000 }, T0 + 60_000);
    expect(named(alerts.evaluate(QUIET, T0 + 61_000), 'HotpathConsumerLag')?.state).toBe('ok');
    expect(named(alerts.evaluate({ ...QUIET, consumerLag: 2000 }, T0 + 62_000), 'HotpathConsumerLag')?.state).toBe('pending');
  });

  it('crosses a falling rule (the cache hit ratio) below its levels', () => {
    const alerts = new AlertStates(ALERT_RULES, THRESHOLDS, 0);
    expect(named(alerts.evaluate({ ...QUIET, cacheHitRatio: 0.4 }, T0), 'HotpathCacheHitRatio')).toMatchObject({ state: 'firing', severity: 'warning' });
    expect(named(alerts.evaluate({ ...QUIET, cacheHitRatio: 0.1 }, T0 + 1), 'HotpathCacheHitRatio')).toMatchObject({ state: 'firing', severity: 'critical' });
    expect(named(alerts.evaluate({ ...QUIET, cacheHitRatio: 0.6 }, T0 + 2), 'HotpathCacheHitRatio')?.state).toBe('ok');
  });

  it('has no data where a signal is unknown, and forgets a crossing meanwhile', () => {
    const alerts = states();
    alerts.evaluate({ ...QUIET, redisP95Ms: 30 }, T0);
    expect(named(alerts.evaluate({ ...QUIET, redisP95Ms: null }, T0 + 30_000), 'HotpathRedisLatencyP95')).toMatchObject({ state: 'no-data', severity: null, value: null });
    expect(named(alerts.evaluate({ ...QUIET, redisP95Ms: 30 }, T0 + 60_000), 'HotpathRedisLatencyP95')).toMatchObject({ state: 'pending', severity: 'critical' });
  });
});
