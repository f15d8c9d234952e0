export interface TagState {
  version: number;
  softAt: number;
}

/** The shared tier and the tag versions: Redis in production, a map in unit tests. */
export interface L2Store {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** One round trip for many keys (MGET). */
  getMany(keys: string[]): Promise<(string | undefined)[]>;
  /** One round trip for many writes (a pipeline of SET PX). */
  setMany(items: { key: string; value: string; ttlMs: number }[]): Promise<void>;
  delete(keys: string[]): Promise<void>;
  /** Each tag's version (0 when never hard-invalidated) and time of its last soft invalidation (0 when none). */
  tagStates(tags: string[]): Promise<TagState[]>;
  /**
   * Bumps each tag's version; returns the new versions. With `announce`, also publishes the
   * bus message `{ from, tags: { <tag>: <new version> } }` on `announce.channel`, in the same
   * round trip (a store on the bus's Redis; see `CacheBus.channel`).
   */
  bumpTags(tags: string[], announce?: { channel: string; from: string }): Promise<number[]>;
  /** Records a soft invalidation of each tag at `at` (ms). */
  markSoft(tags: string[], at: number): Promise<void>;
  /** Takes the lock if free (SET NX PX); false when another holder has it. */
  acquireLock(key: string, token: string, ttlMs: number): Promise<boolean>;
  /** Releases the lock only if `token` still holds it. */
  releaseLock(key: string, token: string): Promise<void>;
  /** Deletes every key starting with `prefix` by SCAN; returns how many. */
  deleteByPrefix(prefix: string): Promise<number>;
}
