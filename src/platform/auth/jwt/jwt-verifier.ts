import { Logger } from '@nestjs/common';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { BoundedMap } from '../bounded-map.js';
import { type Identity, knownIdentity, refusedIdentity } from '../identity.js';
import { isRole, type Role } from '../roles.js';
import type { JwtSettings } from './jwt-settings.js';

const MAX_VERIFIED = 10_000;
const CLOCK_TOLERANCE_SECONDS = 5;
/** Subjects are recorded with every write they make. */
const MAX_SUBJECT_LENGTH = 255;
const UNVERIFIABLE = refusedIdentity("The identity provider's signing keys cannot be fetched right now", 'unverifiable');

/** Three base64url segments: what the identity gate hands to JWT verification. */
export function looksLikeJwt(token: string): boolean {
  const first = token.indexOf('.');
  const second = first < 0 ? -1 : token.indexOf('.', first + 1);
  return first > 0 && second > first + 1 && second < token.length - 1 && token.indexOf('.', second + 1) < 0;
}

/**
 * Verifies bearer JWTs against the identity provider's JWKS (fetched and cached by jose):
 * signature, issuer, audience, expiry and a subject are required. The actor is
 * `jwt:<sub>`; roles come from `rolesClaim`, unknown names ignored. A verified token is
 * remembered until it expires, so its next requests resolve without a promise.
 */
export class JwtVerifier {
  private readonly logger = new Logger('Jwt');
  private readonly keys: ReturnType<typeof createRemoteJWKSet>;
  private readonly verified: BoundedMap<string, { identity: Identity; expiresAt: number }>;

  constructor(
    private readonly settings: JwtSettings,
    private readonly now: () => number = Date.now,
  ) {
    this.keys = createRemoteJWKSet(new URL(settings.jwksUrl));
    this.verified = new BoundedMap(settings.maxVerified ?? MAX_VERIFIED);
  }

  verify(token: string): Identity | Promise<Identity> {
    const known = this.verified.get(token);
    if (known !== undefined) {
      if (known.expiresAt > this.now()) return known.identity;
      this.verified.delete(token);
    }
    return jwtVerify(token, this.keys, {
      issuer: this.settings.issuer,
      audience: this.settings.audience,
      requiredClaims: ['sub', 'exp'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      currentDate: new Date(this.now()),
    }).then(
      ({ payload }) => {
        if ((payload.sub as string).length > MAX_SUBJECT_LENGTH) return refusedIdentity(`The token's subject is longer than ${MAX_SUBJECT_LENGTH} characters`);
        const identity = knownIdentity('jwt', `jwt:${payload.sub}`, rolesOf(payload[this.settings.rolesClaim]));
        this.verified.set(token, { identity, expiresAt: (payload as Required<Pick<JWTPayload, 'exp'>>).exp * 1000 });
        return identity;
      },
      (error: unknown) => this.refused(error),
    );
  }

  private refused(error: unknown): Identity {
    // A key set that cannot be fetched says nothing about the token: 503, not 401.
    if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError) || error.code === errors.JOSEError.code) {
      this.logger.warn({ msg: 'JWKS unavailable', url: this.settings.jwksUrl, error: String(error) });
      return UNVERIFIABLE;
    }
    return refusedIdentity(`The token was refused: ${error.code === errors.JWTExpired.code ? 'expired' : (error as Error).message}`);
  }
}

function rolesOf(claim: unknown): Role[] {
  const names = typeof claim === 'string' ? claim.split(' ') : Array.isArray(claim) ? claim : [];
  return names.filter(isRole);
}
