import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { MINUTE_MS, RedisCommandStats } from './command-stats.js';
import { RECENT_KEPT } from './recent-commands.js';
import { SlowCommandLog } from './slow-command-log.js';

describe('RedisCommandStats', () => {
  let now: number;
  let stats: RedisCommandStats;
  const clock = () => now;
  const byKey = <T extends { command: string; role: string }>(figures: T[]) => new Map(figures.map((f) => [`${f.role} ${f.command}`, f]));

  beforeEach(() => {
    now = Date.UTC(2026, 0, 1, 12, 0, 30);
    stats = new RedisCommandStats(10, clock, new SlowCommandLog(10, clock));
  });

  it('counts per command and connection role: errors, slow ones, and latency of non-blocking commands only', () => {
    for (let i = 0; i < 9; i++) stats.commandSettled('get', 'shared', 1, false, false);
    stats.commandSettled('get', 'shared', 25, true, false);
    stats.commandSettled('get', 'blocking', 2, false, false);
    stats.commandSettled('xreadgroup', 'blocking', 2000, false, true);
    const recent = byKey(stats.recent.figures());
    expect(recent.get('shared get')).toMatchObject({ count: 10, errors: 1, errorRate: 0.1, slow: 1, blocking: 0, p50Ms: 1, p99Ms: 25 });
    expect(recent.get('blocking get')).toMatchObject({ count: 1, slow: 0 });
    // A blocking command's time is a wait: counted, never slow, never in the latency figures.
    expect(recent.get('blocking xreadgroup')).toMatchObject({ count: 1, blocking: 1, slow: 0, p50Ms: null });
    expect(stats.window(5)).toMatchObject({ count: 12, errors: 1, slow: 1, blocking: 1 });
  });

  it('keeps per-minute buckets for an hour: windows and minutes count only their own', () => {
    stats.commandSettled('get', 'shared', 1, false, false);
    now += 3 * MINUTE_MS;
    stats.commandSettled('set', 'shared', 2, false, false);
    stats.commandSettled('set', 'shared', 12, false, false);
    expect(stats.window(1)).toMatchObject({ count: 2, slow: 1 });
    expect(stats.window(5)).toMatchObject({ count: 3, slow: 1 });
    const minutes = stats.perMinute();
    expect(minutes).toHaveLength(60);
    expect(minutes[59]).toMatchObject({ minute: '2026-01-01T12:03:00.000Z', count: 2 });
    expect(minutes[56]).toMatchObject({ minute: '2026-01-01T12:00:00.000Z', count: 1 });
    expect(minutes[57].count).toBe(0);
    now += 60 * MINUTE_MS;
    // An hour later both minutes have left the window, and their slots are reused.
    expect(stats.byCommand()).toEqual([]);
    stats.commandSettled('get', 'shared', 1, false, false);
    expect(stats.byCommand()).toEqual([expect.objectContaining({ command: 'get', count: 1 })]);
  });

  it('keeps the last 1,000 operations whatever their age', () => {
    for (let i = 0; i < RECENT_KEPT + 500; i++) stats.commandSettled(i < 500 ? 'old' : 'new', 'shared', 1, false, false);
    const recent = byKey(stats.recent.figures());
    expect(recent.has('shared old')).toBe(false);
    expect(recent.get('shared new')?.count).toBe(RECENT_KEPT);
  });

  it('logs slow commands by name and role, at most once a second each, with how many were slow', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      stats.commandSettled('mget', 'shared', 30, false, false);
      stats.commandSettled('mget', 'shared', 50, false, false);
      stats.commandSettled('mget', 'shared', 5, false, false);
      now += 1000;
      stats.commandSettled('mget', 'shared', 40, false, false);
      stats.commandSettled('bzpopmin', 'jobs', 5000, false, true);
      expect(warn.mock.calls.map(([entry]) => entry)).toEqual([
        { msg: 'slow redis command', command: 'mget', role: 'shared', slowMs: 10, count: 1, worstMs: 30 },
        { msg: 'slow redis command', command: 'mget', role: 'shared', slowMs: 10, count: 2, worstMs: 50 },
      ]);
    } finally {
      warn.mockRestore();
    }
  });
});
