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
    if (at > (this.softAt.get(tag) ?? 0)) this.softAt.set(tag, at);
  }

  /** Versions only move forward, whatever order messages arrive in. */
  learn(tag: string, version: number): void {
    const known = this.known.get(tag);
    if (known === undefined || version > known) this.known.set(tag, version);
  }

  forgetAll(): void {
    this.known.clear();
    this.softAt.clear();
  }
}
