import { ADMIN_DOCS_PATH } from './app.openapi.js';
import type { AppConfig } from './config/index.js';
import type { AuthModuleOptions } from './platform/auth/index.js';
import { QUEUE_BOARD_PATH } from './platform/jobs/index.js';
import { CORS_PREFLIGHT_PATH } from './platform/http/index.js';

/** The auth module's options from the configuration; routes Nest does not own get their policy by prefix here. */
export function authOptions(config: AppConfig): AuthModuleOptions {
  return {
    adminToken: config.admin.token,
    // CORS preflights carry no credentials by design (the CORS gate answers them when origins are listed).
    prefixPolicies: { '/docs': 'public', '/docs-yaml': 'public', [QUEUE_BOARD_PATH]: ['admin'], [ADMIN_DOCS_PATH]: ['admin'], [CORS_PREFLIGHT_PATH]: 'public' },
    jwt: config.jwt,
    keyChanges: { redis: config.redis, channel: `${config.redis.keyPrefix}:auth:keys` },
  };
}
