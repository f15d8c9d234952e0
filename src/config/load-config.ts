import { type Field } from './config.fields.js';
import { type ConfigIssue, InvalidConfigError } from './config.errors.js';
import { CONFIG_SCHEMA, type ConfigKey, type ConfigValues } from './config.schema.js';
import { shownValue } from './redact.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** Alert levels whose higher values are worse; the cache hit ratio's lower values are. */
const RISING_ALERTS = ['REDIS_SLOW_PER_MIN', 'REDIS_ERROR_RATE', 'REDIS_P95_MS', 'REDIS_MEMORY', 'REDIS_CLIENTS', 'DB_POOL_USE', 'DB_POOL_WAITS_PER_MIN', 'CONSUMER_LAG', 'OUTBOX_AGE', 'QUEUE_DEPTH'] as const;

/** A warning level must come before its critical one. */
function alertLevelIssues(config: ConfigValues): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const name of RISING_ALERTS) {
    if (config[`ALERT_${name}_WARN`] > config[`ALERT_${name}_CRIT`]) issues.push({ variable: `ALERT_${name}_WARN`, message: `must not be above ALERT_${name}_CRIT` });
  }
  if (config.ALERT_CACHE_HIT_RATIO_WARN < config.ALERT_CACHE_HIT_RATIO_CRIT) issues.push({ variable: 'ALERT_CACHE_HIT_RATIO_WARN', message: 'must not be below ALERT_CACHE_HIT_RATIO_CRIT (a lower hit ratio is worse)' });
  return issues;
}

/** Reads and validates every variable of CONFIG_SCHEMA; throws one error listing all problems. */
export function loadConfig(env: Env = process.env): ConfigValues {
  const values: Record<string, unknown> = {};
  const issues: ConfigIssue[] = [];
  for (const [name, field] of Object.entries(CONFIG_SCHEMA) as [ConfigKey, Field<unknown>][]) {
    const raw = env[name];
    if (raw === undefined || (raw === '' && field.kind !== 'string')) {
      values[name] = field.default;
      continue;
    }
    const parsed = field.parse(raw);
    if (parsed === undefined) {
      issues.push({ variable: name, message: `expected ${field.range}, got ${shownValue(name, raw)}` });
    } else {
      values[name] = parsed;
    }
  }
  const config = values as ConfigValues;
  if (config.METRICS_PORT !== 0 && config.METRICS_PORT === config.SERVER_PORT) {
    issues.push({ variable: 'METRICS_PORT', message: 'must differ from SERVER_PORT (use 0 to share it)' });
  }
  if (config.AUTH_JWKS_URL) {
    for (const name of ['AUTH_JWT_ISSUER', 'AUTH_JWT_AUDIENCE'] as const) if (config[name] === '') issues.push({ variable: name, message: 'must be set when AUTH_JWKS_URL is set' });
  }
  issues.push(...alertLevelIssues(config));
  if (issues.length > 0) throw new InvalidConfigError(issues);
  return config;
}
