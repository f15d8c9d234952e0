import { AppConfig } from './config/index.js';
import type { IncomingMessage } from 'node:http';
import { identityOf } from './platform/auth/index.js';
import { isWarmRequest } from './platform/cache/index.js';
import type { RateLimitModuleOptions, RateLimitSubject } from './platform/rate-limit/index.js';

/** The caller as the identity gate (which runs before the limiter) found it; anonymous and refused callers are counted by address. */
function subjectOf(request: IncomingMessage): RateLimitSubject | undefined {
  const { actor } = identityOf(request);
  return actor === null ? undefined : { id: actor, tier: 'key' };
}

/** The rate limit module's options from the configuration. */
export function rateLimitOptions(config: AppConfig): RateLimitModuleOptions {
  return {
    enabled: config.rateLimit.enabled,
    budgets: config.rateLimit.budgets,
    trustProxyHops: config.http.trustProxyHops,
    keyPrefix: config.redis.keyPrefix,
    subject: subjectOf,
    exempt: isWarmRequest,
  };
}
