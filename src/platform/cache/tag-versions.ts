import { LRUCache } from 'lru-cache';
import type { L2Store } from './stores/l2-store.js';

interface TagState {
  /** The tag's version as last heard of; undefined while only a soft invalidation was heard. */
  version: number | undefined;
  /** When the tag was last softly invalidated (epoch ms), 0 if never. */
  softAt: number;
  /** Position of the tag's last change in this instance's sequence of changes (see `mark`). */
  changedAt: number;
}

/**
 * What this instance knows of tag versions. A tag is invalidated by bumping its version in
 * Redis (O(1) however many keys carry it); entries remember the versions they were loaded
 * under and are stale once any differs. Known versions are kept here and moved forward by the
 * bus, so a read checks tags without a round trip. At most `maxTags` are kept (least recently
 * used go first): a forgotten tag is read from Redis again when an entry needs it, so a flood
 * of distinct ids costs memory only up to the bound.
 */
export class TagVersions {
  private readonly states: LRUCache<string, TagState>;
  private changes = 0;
  private forgotAt = 0;
  /** The latest change position among tags evicted: a load older than it cannot tell whether they moved. */
  private evictedChange = 0;

  constructor(
    private readonly l2: L2Store,
    maxTags = 100_000,
  ) {
    this.states = new LRUCache<string, TagState>({
      max: maxTags,
      dispose: (state, _tag, reason) => {
        if (reason === 'evict' && state.changedAt > this.evictedChange) this.evictedChange = state.changedAt;
      },
    });
  }

  /** Versions of `tags`, asking L2 only for the ones this instance has not seen yet. */
  async current(tags: readonly string[]): Promise<Record<string, number>> {
    const missing = tags.filter((t) => this.states.get(t)?.version === undefined);
    if (missing.length) {
      const states = await this.l2.tagStates(missing);
      missing.forEach((tag, i) => {
        this.learn(tag, states[i].version);
        this.learnSoft(tag, states[i].softAt);
      });
    }
    const result: Record<string, number> = {};
    for (const tag of tags) result[tag] = this.states.get(tag)?.version ?? 0;
    return result;
  }

  /** True when every tag of the entry is still at the version it was loaded under. Unknown tags: undefined (ask L2). */
  matches(entryTags: Record<string, number>): boolean | undefined {
    for (const tag in entryTags) {
      const known = this.states.get(tag)?.version;
      if (known === undefined) return undefined;
      if (known !== entryTags[tag]) return false;
    }
    return true;
  }

  /** True when a tag of the entry was softly invalidated after the entry was created (tags must be known). */
  softlyInvalidated(entryTags: Record<string, number>, createdAt: number): boolean {
    for (const tag in entryTags) if ((this.states.peek(tag)?.softAt ?? 0) > createdAt) return true;
    return false;
  }

  learnSoft(tag: string, at: number): void {
    const state = this.stateOf(tag);
    if (at > state.softAt) {
      state.softAt = at;
      state.changedAt = ++this.changes;
    }
  }

  /** An invalidation this instance could not send to Redis: still a change for loads in flight here. */
  markChanged(tags: readonly string[]): void {
    for (const tag of tags) this.stateOf(tag).changedAt = ++this.changes;
  }

  /**
   * The count of tag changes heard of so far (hard, soft, or a reconnect's forget-all): a mark
   * to pass to `changedSince` later, taken before a load starts; and an epoch for reads, as an
   * entry found current at one mark is still current while the mark has not moved.
   */
  mark(): number {
    return this.changes;
  }

  /** True when one of `tags` moved, as far as this instance has heard (or can still tell), after `mark` was taken. */
  changedSince(tags: readonly string[], mark: number): boolean {
    if (this.forgotAt > mark) return true;
    return tags.some((tag) => {
      const state = this.states.peek(tag);
      return state ? state.changedAt > mark : this.evictedChange > mark;
    });
  }

  /** Versions only move forward, whatever order messages arrive in. `changed`: learned from an invalidation, not a read. */
  learn(tag: string, version: number, changed = false): void {
    const state = this.stateOf(tag);
    const known = state.version;
    if (changed || (known !== undefined && version > known)) state.changedAt = ++this.changes;
    if (known === undefined || version > known) state.version = version;
  }

  /** Tags whose version is known here (for stats and tests). */
  get size(): number {
    return this.states.size;
  }

  forgetAll(): void {
    this.states.clear();
    // A reconnect may have missed messages: treat every tag as just changed for loads in flight.
    this.forgotAt = ++this.changes;
  }

  private stateOf(tag: string): TagState {
    let state = this.states.get(tag);
    if (!state) this.states.set(tag, (state = { version: undefined, softAt: 0, changedAt: 0 }));
    return state;
  }
}
