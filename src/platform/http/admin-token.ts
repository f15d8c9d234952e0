import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors/index.js';

export class AdminDisabledError extends AppError {
  static readonly code = 'ADMIN.DISABLED';
  readonly code = AdminDisabledError.code;
  readonly kind = 'unavailable' as const;
}

export class AdminUnauthorizedError extends AppError {
  static readonly code = 'ADMIN.UNAUTHORIZED';
  readonly code = AdminUnauthorizedError.code;
  readonly kind = 'unauthorized' as const;
}

/** The cookie a browser may carry the admin token in (it cannot send a bearer header). */
export const ADMIN_COOKIE = 'hotpath_admin';

export interface AdminCredentials {
  authorization?: string;
  cookie?: string;
}

/**
 * Checks the admin token, given as `Authorization: Bearer <token>`, as the password of
 * `Authorization: Basic` (any user name: what a browser's login prompt sends), or in the
 * `hotpath_admin` cookie. Compared in constant time. No token configured: admin is disabled.
 */
export class AdminToken {
  private readonly expected: Buffer;

  constructor(token: string) {
    this.expected = Buffer.from(token);
  }

  check(credentials: AdminCredentials): void {
    if (this.expected.length === 0) throw new AdminDisabledError('Admin endpoints are disabled: set ADMIN_TOKEN to enable them');
    const given = [bearer(credentials.authorization), basicPassword(credentials.authorization), cookie(credentials.cookie)];
    if (!given.some((token) => token !== undefined && this.matches(token))) {
      throw new AdminUnauthorizedError('Admin endpoints need Authorization: Bearer <ADMIN_TOKEN> (or basic auth with it as password, or the hotpath_admin cookie)');
    }
  }

  private matches(token: string): boolean {
    const buffer = Buffer.from(token);
    return buffer.length === this.expected.length && timingSafeEqual(buffer, this.expected);
  }
}

function bearer(header: string | undefined): string | undefined {
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
}

function basicPassword(header: string | undefined): string | undefined {
  if (!header?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(colon + 1);
}

function cookie(header: string | undefined): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [name, ...value] = part.trim().split('=');
    if (name === ADMIN_COOKIE) return percentDecoded(value.join('='));
  }
  return undefined;
}

/** A malformed escape (`%`, `%zz`) makes no token, so the request is refused like any wrong token. */
function percentDecoded(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
