import type { Identity } from './identity.js';
import type { Role } from './roles.js';

/** Who may call a route: anyone, or callers with one of `roles` (admin may call every route). */
export type RoutePolicy = { readonly public: true } | { readonly public: false; readonly roles: readonly Role[]; readonly challenge: string };

export const PUBLIC_POLICY: RoutePolicy = Object.freeze({ public: true });

/** What a 401 asks for: admin routes add Basic so that a browser prompts (the queue board). */
const BEARER_CHALLENGE = 'Bearer realm="Hotpath"';
const ADMIN_CHALLENGE = `${BEARER_CHALLENGE}, Basic realm="Hotpath admin", charset="UTF-8"`;

export function rolesPolicy(roles: readonly Role[]): RoutePolicy {
  if (roles.length === 0) throw new Error('A roles policy needs at least one role');
  const adminOnly = roles.every((role) => role === 'admin');
  return Object.freeze({ public: false, roles: Object.freeze([...new Set(roles)]), challenge: adminOnly ? ADMIN_CHALLENGE : BEARER_CHALLENGE });
}

/** True when `identity` holds one of the policy's roles, or admin. */
export function allows(identity: Identity, roles: readonly Role[]): boolean {
  for (const held of identity.roles) if (held === 'admin' || roles.includes(held)) return true;
  return false;
}

export function describePolicy(policy: RoutePolicy): string {
  return policy.public ? 'public' : policy.roles.join('|');
}
