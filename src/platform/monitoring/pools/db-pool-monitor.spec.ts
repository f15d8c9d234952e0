import { DbPoolMonitor } from './db-pool-monitor.js';
import type { PgPool } from './pg-pool.js';

/** A pool whose `connect` answers as told: at once, or with the acquire timeout's error. */
function fakePool(max: number) {
  const pool = {
    totalCount: 0,
    idleCount: 0,
    waitingCount: 0,
    options: { max, min: 0 },
    fail: false,
    connect(callback?: (error: Error | undefined, client?: object, release?: () => void) => void) {
      const error = pool.fail ? new Error('timeout exceeded when trying to connect') : undefined;
      if (!error) pool.totalCount++;
      if (callback) return void callback(error, error ? undefined : {}, () => undefined);
      return error ? Promise.reject(error) : Promise.resolve({});
    },
  };
  return pool;
}

describe('DbPoolMonitor', () => {
  const clock = () => Date.UTC(2026, 0, 1);

  it('counts acquisitions of both call styles, and the ones that found the pool full', async () => {
    const pool = fakePool(2);
    const monitor = new DbPoolMonitor(pool as unknown as PgPool, clock, () => 0);
    await new Promise<void>((resolve) => (pool as unknown as PgPool).connect(() => resolve()));
    await (pool as unknown as PgPool).connect();
    await (pool as unknown as PgPool).connect();
    expect(monitor.figures()).toMatchObject({ max: 2, total: 3, acquisitions: 3, waits: 1, timeouts: 0, peakInUse: 3, exhaustions: [] });
    expect(monitor.figures().acquireP95Ms).toEqual(expect.any(Number));
  });

  it('records an acquisition that timed out as an exhaustion event, and still hands the error on', async () => {
    const pool = fakePool(1);
    const monitor = new DbPoolMonitor(pool as unknown as PgPool, clock, () => 0);
    pool.fail = true;
    await expect((pool as unknown as PgPool).connect()).rejects.toThrow('timeout exceeded');
    const error = await new Promise((resolve) => (pool as unknown as PgPool).connect((e: unknown) => resolve(e)));
    expect(error).toBeInstanceOf(Error);
    expect(monitor.figures()).toMatchObject({ acquisitions: 2, timeouts: 2, exhaustions: [{ at: '2026-01-01T00:00:00.000Z', waitedMs: 0 }, { at: '2026-01-01T00:00:00.000Z', waitedMs: 0 }] });
  });
});
