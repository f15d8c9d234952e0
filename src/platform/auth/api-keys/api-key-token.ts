import { hash, randomBytes } from 'node:crypto';

/**
 * An API key is `hp_<id>_<secret>`: 16 hex digits of id (64 random bits, the lookup key,
 * not secret) and 43 base64url characters of secret (256 random bits). Only the secret's
 * SHA-256 is stored; a salt or a slow hash would add nothing against guessing 256 random bits.
 */
const PREFIX = 'hp_';
const ID_LENGTH = 16;
const SECRET_BYTES = 32;
const SECRET_LENGTH = 43;
export const API_KEY_LENGTH = PREFIX.length + ID_LENGTH + 1 + SECRET_LENGTH;
const ID = /^[0-9a-f]{16}$/;
const SECRET = /^[A-Za-z0-9_-]{43}$/;

export interface ApiKeyParts {
  id: string;
  secret: string;
}

/** A new key, its id and the hash to store. */
export function generateApiKey(): { key: string; id: string; secretHash: string } {
  const id = randomBytes(ID_LENGTH / 2).toString('hex');
  const secret = randomBytes(SECRET_BYTES).toString('base64url');
  return { key: `${PREFIX}${id}_${secret}`, id, secretHash: hashSecret(secret) };
}

/** True for anything shaped like an API key (cheap: the identity gate routes tokens by it). */
export function looksLikeApiKey(token: string): boolean {
  return token.length === API_KEY_LENGTH && token.startsWith(PREFIX);
}

/** The key's id and secret, or undefined when it is not a well-formed key. */
export function parseApiKey(token: string): ApiKeyParts | undefined {
  if (!looksLikeApiKey(token) || token[PREFIX.length + ID_LENGTH] !== '_') return undefined;
  const id = token.slice(PREFIX.length, PREFIX.length + ID_LENGTH);
  const secret = token.slice(PREFIX.length + ID_LENGTH + 1);
  return ID.test(id) && SECRET.test(secret) ? { id, secret } : undefined;
}

export function isApiKeyId(value: string): boolean {
  return ID.test(value);
}

/** SHA-256 of the secret as base64url (43 characters); one-shot `hash` is about three times faster than `createHash`. */
export function hashSecret(secret: string): string {
  return hash('sha256', secret, 'base64url');
}
