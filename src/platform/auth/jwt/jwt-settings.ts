export interface JwtSettings {
  /** Where the identity provider publishes its signing keys (JWKS). */
  jwksUrl: string;
  issuer: string;
  audience: string;
  /** The claim holding the caller's roles: an array of names or a space-separated string. */
  rolesClaim: string;
  /** Verified tokens remembered until they expire, so a repeated token needs no signature check. */
  maxVerified?: number;
}
