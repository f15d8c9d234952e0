/** The cookie a browser may carry the admin token in (it cannot send a bearer header). */
export const ADMIN_COOKIE = 'hotpath_admin';

/** The `hotpath_admin` cookie's value, percent-decoded when it decodes; never throws. */
export function adminCookie(header: string): string | undefined {
  if (!header.includes(ADMIN_COOKIE)) return undefined;
  for (const part of header.split(';')) {
    const equals = part.indexOf('=');
    if (equals < 0 || part.slice(0, equals).trim() !== ADMIN_COOKIE) continue;
    const value = part.slice(equals + 1).trim();
    try {
      return decodeURIComponent(value);
    } catch {
      // A malformed escape (`%`) cannot be the token, which is printable ASCII: compare it as sent.
      return value;
    }
  }
  return undefined;
}
