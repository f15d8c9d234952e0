import { Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { type RequestGate, RequestGateProvider } from '../../http/index.js';
import { adminCookie } from '../credentials/admin-cookie.js';
import { AdminToken } from '../credentials/admin-token.js';
import { CredentialResolver } from '../credentials/credential-resolver.js';
import { ADMIN_TOKEN_IDENTITY, type Identity, setIdentity } from '../identity.js';

/** Runs first: the rate limiter (order 20) counts by the identity found here, refused ones by address. */
export const IDENTITY_GATE_ORDER = 10;

/**
 * Resolves who is calling and stores it on the request (`identityOf`). Never refuses: bad
 * credentials are marked for the authorization gate. Hot path: a request without an
 * `Authorization` header costs one header read (and a cookie read while an admin token is
 * set: a browser on the queue board sends the token as a cookie). A wrong cookie is ignored
 * rather than refused, as a browser sends it with every request. Waits (returns a promise)
 * only for a key not cached yet, or a JWT not verified yet.
 */
@Injectable()
@RequestGateProvider(IDENTITY_GATE_ORDER)
export class IdentityGate implements RequestGate {
  constructor(
    private readonly credentials: CredentialResolver,
    private readonly admin: AdminToken,
  ) {}

  check(request: IncomingMessage): void | Promise<void> {
    const authorization = request.headers.authorization;
    if (authorization === undefined) {
      if (!this.admin.enabled) return;
      const cookie = request.headers.cookie;
      if (cookie !== undefined && this.admin.matches(adminCookie(cookie) ?? '')) setIdentity(request, ADMIN_TOKEN_IDENTITY);
      return;
    }
    const identity = this.credentials.resolve(authorization);
    if (!(identity instanceof Promise)) return setIdentity(request, identity);
    return identity.then((resolved: Identity) => setIdentity(request, resolved));
  }
}
