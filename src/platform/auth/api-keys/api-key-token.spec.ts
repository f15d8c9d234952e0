import { API_KEY_LENGTH, generateApiKey, hashSecret, looksLikeApiKey, parseApiKey } from './api-key-token.js';

describe('API key tokens', () => {
  it('are hp_<16 hex id>_<43 base64url secret>, parse back to their parts, and hash their secret', () => {
    const { key, id, secretHash } = generateApiKey();
    expect(key).toMatch(/^hp_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(key).toHaveLength(API_KEY_LENGTH);
    const parts = parseApiKey(key);
    expect(parts?.id).toBe(id);
    expect(hashSecret(parts?.secret ?? '')).toBe(secretHash);
    expect(secretHash).toHaveLength(43);
  });

  it('carry 256 random bits of secret: no two alike', () => {
    const keys = new Set(Array.from({ length: 1000 }, () => generateApiKey().key));
    expect(keys.size).toBe(1000);
  });

  it('refuse anything not shaped like a key', () => {
    const { key } = generateApiKey();
    for (const token of ['', 'hp_', key.slice(0, -1), `${key}x`, key.replace('hp_', 'xx_'), `hp_${'G'.repeat(16)}_${key.slice(20)}`, `${key.slice(0, 19)}-${key.slice(20)}`, `${key.slice(0, 20)}${'!'.repeat(43)}`]) {
      expect(parseApiKey(token)).toBeUndefined();
    }
    expect(looksLikeApiKey('hp_short')).toBe(false);
  });
});
