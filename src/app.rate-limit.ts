import { AppConfig } from './config/index.js';
import { isWarmRequest } from './platform/cache/index.js';
import type { RateLimitModuleOptions } from './platform/rate-limit/index.js';

/**
 * The rate limit module's options from the configuration. Until a `subject` is given (the
 * identity layer's caller of a request), every caller counts as anonymous, by client address.
 */
export function rateLimitOptions(config: AppConfig): RateLimitModuleOptions {
  return {
    enabled: config.rateLimit.enabled,
    budgets: config.rateLimit.budgets,
    trustProxyHops: config.http.trustProxyHops,
    keyPrefix: config.redis.keyPrefix,
    exempt: isWarmRequest,
  };
}
