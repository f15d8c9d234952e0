import type { RuleState } from '../alerts/alert-states.js';
import type { RedisServerFigures } from './redis-server-figures.js';
import { scoreRedis } from './redis-score.js';

function server(overrides: { memory?: Partial<RedisServerFigures['memory']>; stats?: Partial<RedisServerFigures['stats']>; slowlog?: Partial<RedisServerFigures['slowlog']> } = {}): RedisServerFigures {
  return {
    readAt: '2026-01-01T00:00:00.000Z',
    version: '7.2.4',
    mode: 'standalone',
    uptimeSeconds: 100,
    clients: { connected: 10, blocked: 2, max: 10000, use: 0.001 },
    memory: { usedBytes: 1e6, peakBytes: 1e6, maxmemoryBytes: 1e9, limitBytes: 1e9, use: 0.001, policy: 'noeviction', fragmentationRatio: 1.1, ...overrides.memory },
    stats: { opsPerSecond: 10, keyspaceHits: 10, keyspaceMisses: 0, keyspaceHitRatio: 1, evictedKeys: 0, expiredKeys: 0, rejectedConnections: 0, totalConnectionsReceived: 10, ...overrides.stats },
    keys: 10,
    topCommands: [],
    slowlog: { available: true, newEntries: 0, recent: [], ...overrides.slowlog },
  };
}

const rule = (name: string, severity: RuleState['severity'], value: number): RuleState => ({ name, summary: name, unit: 'ms', state: severity ? 'firing' : 'ok', severity, value, warning: 5, critical: 20, since: null });
const input = { rules: [] as RuleState[], holdsStreamsAndQueues: true, slowlogRecent: 0 };

describe('scoreRedis', () => {
  it('scores a Redis with nothing to say 100, healthy', () => {
    expect(scoreRedis({ ...input, server: server() })).toEqual({ healthScore: 100, status: 'healthy', findings: [], recommendations: [] });
  });

  it('scores an unreachable Redis 0, with that one finding', () => {
    const score = scoreRedis({ ...input, server: null });
    expect(score).toMatchObject({ healthScore: 0, status: 'unhealthy' });
    expect(score.findings.map((f) => f.code)).toEqual(['REDIS.UNREACHABLE']);
  });

  it('finds an eviction policy that may evict streams and jobs critical (35 points), only where they live', () => {
    const lru = server({ memory: { policy: 'allkeys-lru' } });
    expect(scoreRedis({ ...input, server: lru })).toMatchObject({ healthScore: 65, status: 'degraded', findings: [{ code: 'REDIS.EVICTION_POLICY', severity: 'critical' }] });
    expect(scoreRedis({ ...input, holdsStreamsAndQueues: false, server: lru }).healthScore).toBe(100);
  });

  it('turns crossed thresholds into findings of their severity, critical first, one recommendation each', () => {
    const rules = [rule('HotpathRedisLatencyP95', 'warning', 8), rule('HotpathRedisMemory', 'critical', 0.97), rule('HotpathRedisErrorRate', null, 0)];
    const score = scoreRedis({ ...input, rules, server: server({ memory: { maxmemoryBytes: 0 } }) });
    expect(score.findings.map((f) => [f.code, f.severity])).toEqual([
      ['REDIS.MEMORY', 'critical'],
      ['REDIS.LATENCY', 'warning'],
      ['REDIS.NO_MAXMEMORY', 'info'],
    ]);
    expect(score.healthScore).toBe(100 - 35 - 15 - 3);
    expect(score.status).toBe('unhealthy');
    expect(score.recommendations).toHaveLength(3);
    expect(score.findings[1].message).toBe('HotpathRedisLatencyP95: 8 ms (warning 5, critical 20).');
  });

  it('reports recent SLOWLOG entries by command name, a warning from ten in 5 minutes', () => {
    const recent = [{ id: 1, at: '', durationMs: 20, command: 'keys', client: '' }];
    expect(scoreRedis({ ...input, slowlogRecent: 2, server: server({ slowlog: { recent } }) }).findings).toEqual([expect.objectContaining({ code: 'REDIS.SLOWLOG', severity: 'info', message: expect.stringContaining('(keys)') })]);
    expect(scoreRedis({ ...input, slowlogRecent: 10, server: server({ slowlog: { recent } }) }).findings[0].severity).toBe('warning');
  });

  it('never scores below 0', () => {
    const rules = ['HotpathRedisSlowCommands', 'HotpathRedisErrorRate', 'HotpathRedisLatencyP95', 'HotpathRedisMemory'].map((name) => rule(name, 'critical', 99));
    expect(scoreRedis({ ...input, rules, server: server({ memory: { policy: 'volatile-lru' } }) })).toMatchObject({ healthScore: 0, status: 'unhealthy' });
  });
});
