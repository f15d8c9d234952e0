import { compareIds, type StreamEntry } from './stream-entry.js';

/**
 * The entries of one aggregate (one ordering key) that a consumer holds, handled one at a time
 * in stream order: one aggregate's events are never handled concurrently or out of order.
 */
export class OrderedLane {
  private readonly queue: StreamEntry[] = [];
  /** Queued and current entry ids: a reclaim or re-read never queues an entry twice. */
  readonly ids = new Set<string>();
  current: StreamEntry | undefined;
  draining: Promise<void> | undefined;
  /** Queued for a free concurrency slot. */
  waiting = false;

  constructor(
    readonly key: string,
    readonly stream: string,
  ) {}

  get size(): number {
    return this.ids.size;
  }

  /** Adds an entry in id order (a reclaimed older entry goes before newer ones still queued); false if already held. */
  push(entry: StreamEntry): boolean {
    if (this.ids.has(entry.id)) return false;
    this.ids.add(entry.id);
    let at = this.queue.length;
    while (at > 0 && compareIds(this.queue[at - 1].id, entry.id) > 0) at--;
    this.queue.splice(at, 0, entry);
    return true;
  }

  /** Takes the next entry as the current one. */
  next(): StreamEntry | undefined {
    this.current = this.queue.shift();
    return this.current;
  }

  /** The current entry is settled (acknowledged, dead-lettered or left pending). */
  done(): void {
    if (this.current) this.ids.delete(this.current.id);
    this.current = undefined;
  }

  /** Forgets the queued entries (they stay pending in Redis, reclaimable); returns how many. */
  release(): number {
    const released = this.queue.length;
    for (const entry of this.queue.splice(0)) this.ids.delete(entry.id);
    return released;
  }
}
