import { commandStats, num, parseFields, parseInfo, type ServerCommandStat } from './redis-info.js';
import type { SlowlogEntry } from './slowlog-reader.js';

/** What INFO says, in the units the reports use. */
export interface RedisServerFigures {
  readAt: string;
  version: string;
  mode: string;
  uptimeSeconds: number | null;
  clients: { connected: number | null; blocked: number | null; max: number | null; use: number | null };
  memory: {
    usedBytes: number | null;
    peakBytes: number | null;
    maxmemoryBytes: number | null;
    /** maxmemory, or the machine's memory when maxmemory is 0 (no limit). */
    limitBytes: number | null;
    use: number | null;
    policy: string;
    fragmentationRatio: number | null;
  };
  stats: {
    opsPerSecond: number | null;
    keyspaceHits: number | null;
    keyspaceMisses: number | null;
    /** Hits over lookups since the server started; null before any. */
    keyspaceHitRatio: number | null;
    evictedKeys: number | null;
    expiredKeys: number | null;
    rejectedConnections: number | null;
    totalConnectionsReceived: number | null;
  };
  keys: number;
  /** The ten commands that took most of the server's time since it started. */
  topCommands: ServerCommandStat[];
  slowlog: { available: boolean; newEntries: number; recent: SlowlogEntry[] };
}

export function serverFigures(info: string, commandstats: string, slowlog: RedisServerFigures['slowlog'], readAt: Date): RedisServerFigures {
  const s = parseInfo(`${info}\n${commandstats}`);
  const connected = num(s.clients, 'connected_clients');
  const maxClients = num(s.clients, 'maxclients');
  const used = num(s.memory, 'used_memory');
  const maxmemory = num(s.memory, 'maxmemory');
  const limit = maxmemory ? maxmemory : num(s.memory, 'total_system_memory');
  const hits = num(s.stats, 'keyspace_hits');
  const misses = num(s.stats, 'keyspace_misses');
  const lookups = (hits ?? 0) + (misses ?? 0);
  return {
    readAt: readAt.toISOString(),
    version: s.server?.redis_version ?? 'unknown',
    mode: s.server?.redis_mode ?? 'unknown',
    uptimeSeconds: num(s.server, 'uptime_in_seconds'),
    clients: { connected, blocked: num(s.clients, 'blocked_clients'), max: maxClients, use: ratio(connected, maxClients) },
    memory: {
      usedBytes: used,
      peakBytes: num(s.memory, 'used_memory_peak'),
      maxmemoryBytes: maxmemory,
      limitBytes: limit,
      use: ratio(used, limit),
      policy: s.memory?.maxmemory_policy ?? 'unknown',
      fragmentationRatio: num(s.memory, 'mem_fragmentation_ratio'),
    },
    stats: {
      opsPerSecond: num(s.stats, 'instantaneous_ops_per_sec'),
      keyspaceHits: hits,
      keyspaceMisses: misses,
      keyspaceHitRatio: lookups > 0 ? (hits ?? 0) / lookups : null,
      evictedKeys: num(s.stats, 'evicted_keys'),
      expiredKeys: num(s.stats, 'expired_keys'),
      rejectedConnections: num(s.stats, 'rejected_connections'),
      totalConnectionsReceived: num(s.stats, 'total_connections_received'),
    },
    keys: Object.values(s.keyspace ?? {}).reduce((sum, value) => sum + (parseFields(value).keys ?? 0), 0),
    topCommands: commandStats(s.commandstats).slice(0, 10),
    slowlog,
  };
}

function ratio(part: number | null, whole: number | null): number | null {
  return part === null || !whole ? null : part / whole;
}
