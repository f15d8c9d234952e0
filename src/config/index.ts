export { AppConfig } from './app-config.js';
export { ConfigModule } from './config.module.js';
export { InvalidConfigError } from './config.errors.js';
export { CONFIG_SCHEMA } from './config.schema.js';
export type { ConfigKey, ConfigValues } from './config.schema.js';
export { loadConfig } from './load-config.js';
export { redactUrlPassword, shownValue } from './redact.js';
export type { Env } from './load-config.js';
