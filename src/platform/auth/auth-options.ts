import type { RedisSettings } from '../redis/index.js';
import type { ApiKeyCacheSettings } from './api-keys/api-key-resolver.js';
import type { JwtSettings } from './jwt/jwt-settings.js';
import type { Role } from './roles.js';

export interface AuthModuleOptions {
  /** The break-glass admin credential (bearer, basic-auth password or `hotpath_admin` cookie); empty for none. */
  adminToken: string;
  /**
   * Policies of routes Nest does not own (plugins: the OpenAPI UI, the queue board), by path
   * prefix: `'public'` or the roles allowed. A route with a policy of its own keeps it.
   */
  prefixPolicies?: Readonly<Record<string, 'public' | readonly Role[]>>;
  /** Bearer JWTs verified against an identity provider's keys; off when undefined. */
  jwt?: JwtSettings;
  /** Where API key creations and revocations are announced to every instance (Redis pub/sub). */
  keyChanges: { redis: RedisSettings; channel: string };
  keyCache?: Partial<ApiKeyCacheSettings>;
  /** The clock of the key cache and JWT expiry (tests). */
  now?: () => number;
}

export const DEFAULT_KEY_CACHE: ApiKeyCacheSettings = { maxKeys: 10_000, ttlMs: 60_000, maxUnknown: 10_000, unknownTtlMs: 60_000 };
