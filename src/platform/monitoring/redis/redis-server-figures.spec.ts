import { serverFigures } from './redis-server-figures.js';

const INFO = [
  '# Server',
  'redis_version:7.2.4',
  'redis_mode:standalone',
  'uptime_in_seconds:3600',
  '',
  '# Clients',
  'connected_clients:80',
  'maxclients:100',
  'blocked_clients:4',
  '',
  '# Memory',
  'used_memory:800000',
  'used_memory_peak:900000',
  'maxmemory:1000000',
  'maxmemory_policy:allkeys-lru',
  'total_system_memory:8000000000',
  'mem_fragmentation_ratio:1.20',
  '',
  '# Stats',
  'instantaneous_ops_per_sec:1500',
  'keyspace_hits:300',
  'keyspace_misses:100',
  'evicted_keys:7',
  'expired_keys:12',
  'rejected_connections:0',
  'total_connections_received:50',
  '',
  '# Keyspace',
  'db0:keys=10,expires=2,avg_ttl=0',
  'db1:keys=5,expires=0,avg_ttl=0',
].join('\r\n');

const COMMANDSTATS = ['# Commandstats', 'cmdstat_get:calls=100,usec=500,usec_per_call=5.00,rejected_calls=0,failed_calls=0', 'cmdstat_eval:calls=10,usec=9000,usec_per_call=900.00,rejected_calls=1,failed_calls=2'].join('\r\n');

describe('serverFigures', () => {
  const slowlog = { available: true, newEntries: 0, recent: [] };

  it('reads clients, memory against maxmemory, the eviction policy, keyspace hits and the costliest commands', () => {
    const figures = serverFigures(INFO, COMMANDSTATS, slowlog, new Date('2026-01-01T00:00:00Z'));
    expect(figures).toMatchObject({
      readAt: '2026-01-01T00:00:00.000Z',
      version: '7.2.4',
      mode: 'standalone',
      uptimeSeconds: 3600,
      clients: { connected: 80, blocked: 4, max: 100, use: 0.8 },
      memory: { usedBytes: 800000, maxmemoryBytes: 1000000, limitBytes: 1000000, use: 0.8, policy: 'allkeys-lru', fragmentationRatio: 1.2 },
      stats: { opsPerSecond: 1500, keyspaceHits: 300, keyspaceMisses: 100, keyspaceHitRatio: 0.75, evictedKeys: 7, rejectedConnections: 0 },
      keys: 15,
    });
    expect(figures.topCommands).toEqual([
      { command: 'eval', calls: 10, usec: 9000, usecPerCall: 900, failedCalls: 2, rejectedCalls: 1 },
      { command: 'get', calls: 100, usec: 500, usecPerCall: 5, failedCalls: 0, rejectedCalls: 0 },
    ]);
  });

  it("measures memory against the machine's when maxmemory is 0", () => {
    const figures = serverFigures(INFO.replace('maxmemory:1000000', 'maxmemory:0'), '', slowlog, new Date());
    expect(figures.memory).toMatchObject({ maxmemoryBytes: 0, limitBytes: 8000000000, use: 0.0001 });
  });

  it('leaves what INFO does not say as null', () => {
    const figures = serverFigures('# Server\nredis_version:6.0.0', '', slowlog, new Date());
    expect(figures.clients).toEqual({ connected: null, blocked: null, max: null, use: null });
    expect(figures.stats.keyspaceHitRatio).toBeNull();
    expect(figures.memory.policy).toBe('unknown');
  });
});
