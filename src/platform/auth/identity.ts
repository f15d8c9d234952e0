import type { IncomingMessage } from 'node:http';
import type { Role } from './roles.js';

export type IdentityKind = 'anonymous' | 'key' | 'jwt' | 'admin-token';

/** Who is calling, as the identity gate resolved it. Identities are frozen and shared between requests. */
export interface Identity {
  readonly kind: IdentityKind;
  /** Who a write is attributed to: `key:<id>`, `jwt:<subject>` or `admin-token`; null when anonymous. */
  readonly actor: string | null;
  readonly roles: readonly Role[];
  /**
   * Set when credentials were sent and refused: the caller is anonymous, and every route
   * answers 401 (`invalid`) or 503 (`unverifiable`: they could not be checked now).
   */
  readonly refused?: 'invalid' | 'unverifiable';
  /** Why they were refused, for the error message (never the credential itself). */
  readonly reason?: string;
}

export const ANONYMOUS: Identity = Object.freeze({ kind: 'anonymous', actor: null, roles: Object.freeze([]) });
export const ADMIN_TOKEN_IDENTITY: Identity = Object.freeze({ kind: 'admin-token', actor: 'admin-token', roles: Object.freeze(['admin'] as const) });

export function refusedIdentity(reason: string, refused: 'invalid' | 'unverifiable' = 'invalid'): Identity {
  return Object.freeze({ kind: 'anonymous', actor: null, roles: ANONYMOUS.roles, refused, reason });
}

export function knownIdentity(kind: 'key' | 'jwt', actor: string, roles: readonly Role[]): Identity {
  return Object.freeze({ kind, actor, roles: Object.freeze([...roles]) });
}

const IDENTITY = Symbol('hotpath:auth:identity');
type IdentifiedRequest = IncomingMessage & { [IDENTITY]?: Identity };

/** The caller of `request`: anonymous unless the identity gate found credentials (an anonymous request is never written to). */
export function identityOf(request: IncomingMessage): Identity {
  return (request as IdentifiedRequest)[IDENTITY] ?? ANONYMOUS;
}

export function setIdentity(request: IncomingMessage, identity: Identity): void {
  (request as IdentifiedRequest)[IDENTITY] = identity;
}
