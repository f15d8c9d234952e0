import type { L2Store } from './stores/l2-store.js';

/**
 * What this instance knows of tag versions. A tag is invalidated by bumping its version in
 * Redis (O(1) however many keys carry it); entries remember the versions they were loaded
 * under and are stale once any differs. Known versions are kept here and moved forward by the
 * bus, so a read checks tags without a round trip.
 */
export class TagVersions {
  private readonly known = new Map<string, number>();
  private readonly softAt = new Map<string, number>();
  /**
   * Position, in this instance's sequence of tag changes it heard of (hard or soft), of each
   * tag's last change: for loads whose tags come from their result.
   */
  private readonly changedAt = new Map<string, number>();
  private changes = 0;
  private forgotAt = 0;

  constructor(private readonly l2: L2Store) {}

  /** Versions of `tags`, asking L2 only for the ones this instance has not seen yet. */
  async current(tags: readonly string[]): Promise<Record<string, number>> {
    const missing = tags.filter((t) => !this.known.has(t));
    if (missing.length) {
      const states = await this.l2.tagStates(missing);
      missing.forEach((tag, i) => {
        this.learn(tag, states[i].version);
        this.learnSoft(tag, states[i].softAt);
      });
    }
    const result: Record<string, number> = {};
    for (const tag of tags) result[tag] = this.known.get(tag) ?? 0;
    return result;
  }

  /** True when every tag of the entry is still at the version it was loaded under. Unknown tags count as changed. */
  matches(entryTags: Record<string, number>): boolean | undefined {
    for (const tag in entryTags) {
      const known = this.known.get(tag);
      if (known === undefined) return undefined;
      if (known !== entryTags[tag]) return false;
    }
    return true;
  }

  /** True when a tag of the entry was softly invalidated after the entry was created (tags must be known). */
  softlyInvalidated(entryTags: Record<string, number>, createdAt: number): boolean {
    for (const tag in entryTags) if ((this.softAt.get(tag) ?? 0) > createdAt) return true;
    return false;
  }

  learnSoft(tag: string, at: number): void {
    if (at > (this.softAt.get(tag) ?? 0)) {
      this.softAt.set(tag, at);
      this.changedAt.set(tag, ++this.changes);
    }
  }

  /** An invalidation this instance could not send to Redis: still a change for loads in flight here. */
  markChanged(tags: readonly string[]): void {
    for (const tag of tags) this.changedAt.set(tag, ++this.changes);
  }

  /**
   * The count of tag changes heard of so far (hard, soft, or a reconnect's forget-all): a mark
   * to pass to `changedSince` later, taken before a load starts; and an epoch for reads, as an
   * entry found current at one mark is still current while the mark has not moved.
   */
  mark(): number {
    return this.changes;
  }

  /** True when one of `tags` moved, as far as this instance has heard, after `mark` was taken. */
  changedSince(tags: readonly string[], mark: number): boolean {
    return this.forgotAt > mark || tags.some((tag) => (this.changedAt.get(tag) ?? 0) > mark);
  }

  /** Versions only move forward, whatever order messages arrive in. `changed`: learned from an invalidation, not a read. */
  learn(tag: string, version: number, changed = false): void {
    const known = this.known.get(tag);
    if (changed || (known !== undefined && version > known)) this.changedAt.set(tag, ++this.changes);
    if (known === undefined || version > known) this.known.set(tag, version);
  }

  forgetAll(): void {
    this.known.clear();
    this.softAt.clear();
    // A reconnect may have missed messages: treat every tag as just changed for loads in flight.
    this.forgotAt = ++this.changes;
    this.changedAt.clear();
  }
}
