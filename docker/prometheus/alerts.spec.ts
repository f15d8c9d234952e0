import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CONFIG_SCHEMA, type ConfigKey } from '../../src/config/index.js';
import { ALERT_RULES } from '../../src/platform/monitoring/index.js';

/** The variables of each signal's levels: `ALERT_<name>_WARN` and `_CRIT`. */
const VARIABLES: Record<string, string> = {
  redisSlowPerMinute: 'REDIS_SLOW_PER_MIN',
  redisErrorRate: 'REDIS_ERROR_RATE',
  redisP95Ms: 'REDIS_P95_MS',
  redisMemoryUse: 'REDIS_MEMORY',
  redisClientsUse: 'REDIS_CLIENTS',
  dbPoolUse: 'DB_POOL_USE',
  dbPoolWaitsPerMinute: 'DB_POOL_WAITS_PER_MIN',
  cacheHitRatio: 'CACHE_HIT_RATIO',
  consumerLag: 'CONSUMER_LAG',
  outboxAgeSeconds: 'OUTBOX_AGE',
  queueDepth: 'QUEUE_DEPTH',
};

interface FileRule {
  alert: string;
  expr: string;
  for: string;
  labels: { severity: string };
}

const read = (name: string) => parse(readFileSync(join(import.meta.dirname, name), 'utf8')) as Record<string, unknown>;
const defaultOf = (name: string) => CONFIG_SCHEMA[name as ConfigKey].default as number;

/** The Prometheus rules file holds the rules evaluated in process, at the defaults of their variables, and Prometheus loads it. */
describe('docker/prometheus/alerts.yml', () => {
  const rules = (read('alerts.yml').groups as { rules: FileRule[] }[]).flatMap((group) => group.rules);

  it('has a warning and a critical rule for each in-process rule, and nothing else', () => {
    expect(rules.map((r) => `${r.alert}:${r.labels.severity}`).sort()).toEqual(ALERT_RULES.flatMap((r) => [`${r.name}:warning`, `${r.name}:critical`]).sort());
  });

  it("compares each to its variable's default level, in the rule's direction", () => {
    for (const rule of ALERT_RULES) {
      for (const [severity, suffix] of [
        ['warning', 'WARN'],
        ['critical', 'CRIT'],
      ]) {
        const inFile = rules.find((r) => r.alert === rule.name && r.labels.severity === severity) as FileRule;
        const comparison = / ([<>]) (\d+(?:\.\d+)?)(?: |$)/.exec(inFile.expr);
        expect([rule.name, severity, comparison?.[1], Number(comparison?.[2])]).toEqual([rule.name, severity, rule.direction === 'above' ? '>' : '<', defaultOf(`ALERT_${VARIABLES[rule.signal]}_${suffix}`)]);
      }
    }
  });

  it("waits ALERT_FOR_SECONDS' default before firing", () => {
    const seconds = defaultOf('ALERT_FOR_SECONDS');
    for (const rule of rules) expect([rule.alert, rule.for]).toEqual([rule.alert, seconds % 60 === 0 ? `${seconds / 60}m` : `${seconds}s`]);
  });

  it('is loaded by prometheus.yml, which compose mounts beside it', () => {
    expect(read('prometheus.yml').rule_files).toEqual(['alerts.yml']);
    const compose = read('../compose.yml') as { services: Record<string, { volumes?: string[] }> };
    expect(compose.services.prometheus.volumes).toEqual(expect.arrayContaining(['./prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro']));
  });
});
