import { MemoryL2Store } from './stores/memory-l2-store.js';
import { TagVersions } from './tag-versions.js';

describe('TagVersions', () => {
  it('keeps at most maxTags, forgetting the least recently used', async () => {
    const tags = new TagVersions(new MemoryL2Store(), 3);
    await tags.current(['a', 'b', 'c']);
    tags.matches({ a: 0 });
    await tags.current(['d', 'e']);
    expect(tags.size).toBe(3);
    expect(tags.matches({ a: 0 })).toBe(true);
    expect(tags.matches({ b: 0 })).toBeUndefined();
  });

  it('reads a forgotten tag from L2 again, at its current version', async () => {
    const l2 = new MemoryL2Store();
    const tags = new TagVersions(l2, 2);
    await tags.current(['a']);
    await l2.bumpTags(['a']);
    await tags.current(['b', 'c']);
    expect(tags.matches({ a: 0 })).toBeUndefined();
    expect(await tags.current(['a'])).toEqual({ a: 1 });
    expect(tags.matches({ a: 0 })).toBe(false);
  });

  it('counts a changed tag it had to forget as changed for loads that started before the change', async () => {
    const tags = new TagVersions(new MemoryL2Store(), 2);
    const mark = tags.mark();
    tags.learn('a', 1, true);
    await tags.current(['b', 'c']);
    expect(tags.changedSince(['a'], mark)).toBe(true);
    expect(tags.changedSince(['a'], tags.mark())).toBe(false);
  });
});
