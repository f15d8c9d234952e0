import { type Field } from './config.fields.js';
import { type ConfigIssue, InvalidConfigError } from './config.errors.js';
import { CONFIG_SCHEMA, type ConfigKey, type ConfigValues } from './config.schema.js';
import { shownValue } from './redact.js';

export type Env = Readonly<Record<string, string | undefined>>;

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
  if (issues.length > 0) throw new InvalidConfigError(issues);
  return config;
}
