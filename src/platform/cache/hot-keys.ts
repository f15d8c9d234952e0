/** One hit in this many is sampled, at random: the hot path pays a few shifts and a mask for the rest. */
export const HOT_KEY_SAMPLE_EVERY = 32;
const CAPACITY = 256;

export interface HotKey {
  /** The key's hash part (what follows its namespace), shortened: enough to tell keys apart. */
  key: string;
  namespace: string;
  /** Sampled hits times the sampling interval. */
  estimatedHits: number;
}

/**
 * The most-hit keys, approximately: one hit in `HOT_KEY_SAMPLE_EVERY` is counted in a bounded
 * table (Misra-Gries: a new key arriving at a full table lowers every count by one and drops the
 * keys at zero), so keys hit often stay and rare ones pass through. Memory is bounded by the
 * table, whatever the number of keys.
 */
export class HotKeys {
  /** xorshift32 state: random enough that keys read in a regular rhythm are not sampled in step with it. */
  private random = 0x9e3779b9;
  private readonly counts = new Map<string, { namespace: string; count: number }>();

  sample(key: string, namespace: string): void {
    let x = this.random;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.random = x;
    if ((x & (HOT_KEY_SAMPLE_EVERY - 1)) !== 0) return;
    const found = this.counts.get(key);
    if (found) {
      found.count++;
      return;
    }
    if (this.counts.size >= CAPACITY) {
      for (const [known, entry] of this.counts) if (--entry.count <= 0) this.counts.delete(known);
      return;
    }
    this.counts.set(key, { namespace, count: 1 });
  }

  top(n: number): HotKey[] {
    return [...this.counts]
      .sort((a, b) => b[1].count - a[1].count)
      .slice(0, n)
      .map(([key, { namespace, count }]) => ({ key: shortKey(key, namespace), namespace, estimatedHits: count * HOT_KEY_SAMPLE_EVERY }));
  }
}

function shortKey(key: string, namespace: string): string {
  const at = key.lastIndexOf(`:${namespace}:`);
  return (at < 0 ? key : key.slice(at + namespace.length + 2)).slice(0, 16);
}
