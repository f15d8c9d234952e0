import type { PoolFigures } from './db-pool-monitor.js';
import { poolSizing } from './pool-sizing.js';

const pool = (overrides: Partial<PoolFigures> = {}): PoolFigures => ({
  max: 20,
  min: 10,
  total: 10,
  idle: 8,
  inUse: 2,
  waiting: 0,
  peakInUse: 4,
  acquisitions: 1000,
  waits: 0,
  timeouts: 0,
  acquireP50Ms: 0.1,
  acquireP95Ms: 0.5,
  acquireMaxMs: 2,
  exhaustions: [],
  ...overrides,
});
const server = { version: '16.1', maxConnections: 100, reservedConnections: 3, connections: 30, hotpathConnections: 20 };

describe('poolSizing', () => {
  it('suggests twice the busy connections plus a spare, within the share of the server each process may take', () => {
    // (100 - 3 reserved - 10 held by others) / 4 processes = 21, minus 2 dedicated = 19.
    expect(poolSizing(pool({ peakInUse: 5 }), server, 4, 2)).toMatchObject({ budgetPerProcess: 19, suggestedMax: 12 });
    expect(poolSizing(pool({ peakInUse: 15 }), server, 4, 2)).toMatchObject({ budgetPerProcess: 19, suggestedMax: 19 });
    expect(poolSizing(pool({ peakInUse: 15 }), null, 4, 2)).toMatchObject({ budgetPerProcess: null, suggestedMax: 32 });
  });

  it('finds exhaustion critical and waits a warning, advising a larger pool up to the budget', () => {
    const exhausted = poolSizing(pool({ max: 10, peakInUse: 10, waits: 40, timeouts: 3 }), server, 4, 2);
    expect(exhausted.findings.map((f) => [f.code, f.severity])).toEqual([['DB_POOL.EXHAUSTED', 'critical']]);
    expect(exhausted.findings[0].recommendation).toContain('towards 19');
    const waited = poolSizing(pool({ max: 10, peakInUse: 10, waits: 40 }), server, 4, 2);
    expect(waited.findings.map((f) => [f.code, f.severity])).toEqual([['DB_POOL.WAITS', 'warning']]);
  });

  it("says when the pool is already at the server's limit for it", () => {
    const sizing = poolSizing(pool({ max: 19, min: 2, peakInUse: 19, waits: 5 }), server, 4, 2);
    expect(sizing.findings[0].recommendation).toContain("at the server's limit for 19 per process");
  });

  it('finds pools that may open more connections than the server allows, across processes', () => {
    const sizing = poolSizing(pool({ max: 30, min: 2, peakInUse: 10 }), server, 4, 2);
    expect(sizing.findings).toEqual([expect.objectContaining({ code: 'DB_POOL.OVER_SERVER_LIMIT', severity: 'critical', message: '4 processes may open 128 connections; the server leaves 87 (max_connections 100, 3 reserved, 10 held by others).' })]);
  });

  it('finds a pool much larger than its use, and idle connections kept open', () => {
    expect(poolSizing(pool({ max: 20, min: 10, peakInUse: 2 }), server, 1, 2).findings.map((f) => f.code)).toEqual(['DB_POOL.OVERSIZED', 'DB_POOL.IDLE_KEPT']);
  });
});
