/** A token from an `Authorization` header: a bearer token, or the password of basic auth (any user name). */
export interface PresentedToken {
  scheme: 'bearer' | 'basic';
  token: string;
}

/**
 * Reads `Authorization: Bearer <token>` or `Authorization: Basic <base64(user:password)>`
 * (schemes are case-insensitive). Undefined for anything else; never throws.
 */
export function parseAuthorization(header: string): PresentedToken | undefined {
  const space = header.indexOf(' ');
  if (space < 0) return undefined;
  const scheme = header.slice(0, space).toLowerCase();
  const value = header.slice(space + 1).trim();
  if (value.length === 0) return undefined;
  if (scheme === 'bearer') return { scheme, token: value };
  if (scheme !== 'basic') return undefined;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 || colon === decoded.length - 1 ? undefined : { scheme, token: decoded.slice(colon + 1) };
}
