import { constantTimeEqual } from './constant-time.js';

/**
 * The break-glass admin credential (ADMIN_TOKEN), compared in constant time. An empty token
 * matches nothing: admin then needs an API key or JWT with the admin role.
 */
export class AdminToken {
  constructor(private readonly expected: string) {}

  get enabled(): boolean {
    return this.expected.length > 0;
  }

  matches(token: string): boolean {
    return this.expected.length > 0 && constantTimeEqual(token, this.expected);
  }
}
