import type { RuleState } from '../alerts/alert-states.js';
import { type Finding, finding, type FindingSeverity } from '../findings.js';
import type { RedisServerFigures } from './redis-server-figures.js';

/** Points a finding takes off the health score (see docs/operations.md). */
export const PENALTY: Readonly<Record<FindingSeverity, number>> = { critical: 35, warning: 15, info: 3 };

export interface RedisScoreInput {
  /** Null when Redis did not answer. */
  server: RedisServerFigures | null;
  /** The Redis alert rules as just evaluated. */
  rules: readonly RuleState[];
  holdsStreamsAndQueues: boolean;
  /** SLOWLOG entries that arrived in the last 5 minutes. */
  slowlogRecent: number;
}

export interface RedisScore {
  healthScore: number;
  status: 'healthy' | 'degraded' | 'unhealthy';
  findings: Finding[];
  recommendations: string[];
}

const RULE_FINDINGS: Readonly<Record<string, { code: string; recommendation: string }>> = {
  HotpathRedisSlowCommands: { code: 'REDIS.SLOW_COMMANDS', recommendation: 'See which commands are slow (client.recent, server.slowlog): large values or MGETs, scripts over many keys, or a Redis short of CPU.' },
  HotpathRedisErrorRate: { code: 'REDIS.ERRORS', recommendation: 'Look for timeouts (REDIS_COMMAND_TIMEOUT_MS), reconnects (the connections report) and OOM errors (memory against maxmemory).' },
  HotpathRedisLatencyP95: { code: 'REDIS.LATENCY', recommendation: 'Check the network to Redis, its CPU (INFO cpu), and commands that block it (server.slowlog); keep Redis close to the app.' },
  HotpathRedisMemory: { code: 'REDIS.MEMORY', recommendation: 'Raise maxmemory, trim streams sooner (STREAM_TRIM_INTERVAL), keep fewer finished jobs (JOBS_KEEP_*), or shorten cache TTLs.' },
  HotpathRedisClients: { code: 'REDIS.CLIENTS', recommendation: 'Raise maxclients, or run fewer processes per Redis (each holds one shared, one subscriber, one blocking connection per consumer group and BullMQ worker).' },
};

/**
 * The health score: 100, minus `PENALTY` per finding, at least 0; 0 when Redis does not answer.
 * 80 and above is healthy, 50 and above degraded, below that unhealthy.
 */
export function scoreRedis(input: RedisScoreInput): RedisScore {
  const findings = redisFindings(input);
  const healthScore = input.server === null ? 0 : Math.max(0, 100 - findings.reduce((sum, f) => sum + PENALTY[f.severity], 0));
  const status = healthScore >= 80 ? 'healthy' : healthScore >= 50 ? 'degraded' : 'unhealthy';
  const order: FindingSeverity[] = ['critical', 'warning', 'info'];
  findings.sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity));
  return { healthScore, status, findings, recommendations: [...new Set(findings.map((f) => f.recommendation))] };
}

function redisFindings({ server, rules, holdsStreamsAndQueues, slowlogRecent }: RedisScoreInput): Finding[] {
  if (server === null) return [finding('REDIS.UNREACHABLE', 'critical', 'Redis did not answer INFO.', 'Check that Redis runs and is reachable at REDIS_URL; the cache serves from L1 and rate limits are per instance meanwhile.')];
  const findings: Finding[] = [];
  for (const rule of rules) {
    const known = RULE_FINDINGS[rule.name];
    if (known && rule.severity) findings.push(finding(known.code, rule.severity, `${rule.summary}: ${format(rule.value)} ${rule.unit} (warning ${rule.warning}, critical ${rule.critical}).`, known.recommendation));
  }
  const { memory, stats } = server;
  if (holdsStreamsAndQueues && memory.policy !== 'noeviction') {
    findings.push(finding('REDIS.EVICTION_POLICY', 'critical', `maxmemory-policy is ${memory.policy}: under memory pressure Redis may evict event stream entries and queued jobs, which are not cache.`, 'Set maxmemory-policy noeviction on this Redis (writes then fail instead of losing data), or move the cache to a Redis of its own with an LRU policy.'));
  }
  if (!memory.maxmemoryBytes) findings.push(finding('REDIS.NO_MAXMEMORY', 'info', 'maxmemory is 0: Redis may grow until the machine runs out of memory.', 'Set maxmemory (with noeviction) so that writes fail before the machine swaps or kills Redis.'));
  if (holdsStreamsAndQueues && (stats.evictedKeys ?? 0) > 0) findings.push(finding('REDIS.EVICTIONS', 'warning', `Redis evicted ${stats.evictedKeys} keys since it started.`, 'Evicted keys may have been stream entries or jobs: set noeviction and give Redis more memory.'));
  if ((stats.rejectedConnections ?? 0) > 0) findings.push(finding('REDIS.REJECTED_CONNECTIONS', 'warning', `Redis refused ${stats.rejectedConnections} connections (maxclients ${server.clients.max}).`, 'Raise maxclients or run fewer processes per Redis.'));
  if (slowlogRecent > 0) {
    const names = [...new Set(server.slowlog.recent.slice(0, 10).map((e) => e.command))].join(', ');
    findings.push(finding('REDIS.SLOWLOG', slowlogRecent >= 10 ? 'warning' : 'info', `${slowlogRecent} commands entered the SLOWLOG in the last 5 minutes (${names}).`, 'Find the callers of those commands: a slow command blocks every client of this Redis while it runs.'));
  }
  if (!server.slowlog.available) findings.push(finding('REDIS.SLOWLOG_UNAVAILABLE', 'info', 'SLOWLOG could not be read (an ACL or a managed Redis forbids it).', 'Allow SLOWLOG to the monitoring user to see which commands block the server.'));
  if ((memory.fragmentationRatio ?? 0) > 1.5 && (memory.usedBytes ?? 0) > 100 * 2 ** 20) {
    findings.push(finding('REDIS.FRAGMENTATION', 'info', `Memory fragmentation ratio ${memory.fragmentationRatio}: Redis holds more memory from the system than its data needs.`, 'Turn on activedefrag, or restart Redis (a replica first) in a quiet hour.'));
  }
  const lookups = (stats.keyspaceHits ?? 0) + (stats.keyspaceMisses ?? 0);
  if (lookups >= 1000 && (stats.keyspaceHitRatio ?? 1) < 0.5) {
    findings.push(finding('REDIS.KEYSPACE_MISSES', 'info', `Keyspace hit ratio ${format(stats.keyspaceHitRatio)}: most key reads find nothing.`, 'Expected with cold caches and lock checks; otherwise see the cache report for namespaces that rarely hit.'));
  }
  return findings;
}

function format(value: number | null): string {
  return value === null ? '-' : String(Math.round(value * 1000) / 1000);
}
