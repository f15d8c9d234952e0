import type { Identity } from '../identity.js';
import type { Role } from '../roles.js';

/** An API key as stored, without its secret. */
export interface ApiKeyView {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  revokedAt: string | null;
}

/** What a request with the key needs: the hash to compare with, and who it is once it matches. */
export interface ApiKeyRecord {
  id: string;
  secretHash: string;
  revoked: boolean;
  identity: Identity;
}
