import type { ApiKeyResolver } from '../api-keys/api-key-resolver.js';
import { looksLikeApiKey } from '../api-keys/api-key-token.js';
import { ADMIN_TOKEN_IDENTITY, type Identity, refusedIdentity } from '../identity.js';
import { looksLikeJwt, type JwtVerifier } from '../jwt/jwt-verifier.js';
import type { AdminToken } from './admin-token.js';
import { parseAuthorization } from './authorization-header.js';

const NOT_SUPPORTED = refusedIdentity('Authorization must be Bearer <API key or token> or Basic with the admin token as password');
const UNKNOWN = refusedIdentity('The credentials sent are not an API key, a valid token or the admin token');

/**
 * Turns an `Authorization` header into an identity: the admin token, an API key (bearer or
 * basic-auth password), or a bearer JWT when an identity provider is configured. Refused
 * credentials give an anonymous identity marked refused; nothing here throws.
 */
export class CredentialResolver {
  constructor(
    private readonly admin: AdminToken,
    private readonly apiKeys: ApiKeyResolver,
    private readonly jwt: JwtVerifier | undefined,
  ) {}

  resolve(authorization: string): Identity | Promise<Identity> {
    const presented = parseAuthorization(authorization);
    if (!presented) return NOT_SUPPORTED;
    const { token } = presented;
    if (this.admin.matches(token)) return ADMIN_TOKEN_IDENTITY;
    if (looksLikeApiKey(token)) return this.apiKeys.resolve(token);
    if (this.jwt && presented.scheme === 'bearer' && looksLikeJwt(token)) return this.jwt.verify(token);
    return UNKNOWN;
  }
}
