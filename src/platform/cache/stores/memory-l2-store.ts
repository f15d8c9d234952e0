import type { L2Store, TagState } from './l2-store.js';

/** In-memory L2 for unit tests (integration tests use Redis). */
export class MemoryL2Store implements L2Store {
  readonly values = new Map<string, { value: string; expiresAt: number }>();
  readonly versions = new Map<string, number>();
  readonly softAt = new Map<string, number>();

  async get(key: string): Promise<string | undefined> {
    const hit = this.values.get(key);
    return hit && hit.expiresAt > Date.now() ? hit.value : undefined;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.values.set(key, { value, expiresAt: Date.now() + ttlMs });
  }

  async getMany(keys: string[]): Promise<(string | undefined)[]> {
    return Promise.all(keys.map((k) => this.get(k)));
  }

  async setMany(items: { key: string; value: string; ttlMs: number }[]): Promise<void> {
    for (const item of items) await this.set(item.key, item.value, item.ttlMs);
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.values.delete(key);
  }

  async tagStates(tags: string[]): Promise<TagState[]> {
    return tags.map((t) => ({ version: this.versions.get(t) ?? 0, softAt: this.softAt.get(t) ?? 0 }));
  }

  async markSoft(tags: string[], at: number): Promise<void> {
    for (const tag of tags) this.softAt.set(tag, at);
  }

  async bumpTags(tags: string[]): Promise<number[]> {
    return tags.map((t) => {
      const next = (this.versions.get(t) ?? 0) + 1;
      this.versions.set(t, next);
      return next;
    });
  }

  async acquireLock(key: string, token: string, ttlMs: number): Promise<boolean> {
    const held = this.values.get(key);
    if (held && held.expiresAt > Date.now()) return false;
    this.values.set(key, { value: token, expiresAt: Date.now() + ttlMs });
    return true;
  }

  async releaseLock(key: string, token: string): Promise<void> {
    if (this.values.get(key)?.value === token) this.values.delete(key);
  }

  async deleteByPrefix(prefix: string): Promise<number> {
    const keys = [...this.values.keys()].filter((k) => k.startsWith(prefix));
    await this.delete(keys);
    return keys.length;
  }
}
