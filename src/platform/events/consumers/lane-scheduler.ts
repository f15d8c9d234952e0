import type { EventEnvelope } from '../event-envelope.js';
import { OrderedLane } from './ordered-lane.js';
import type { StreamEntry } from './stream-entry.js';

/**
 * Spreads held entries over one lane per aggregate and drains up to `concurrency` lanes at
 * once, each lane one entry at a time in stream order; a lane waiting for a slot keeps its
 * place in line.
 */
export class LaneScheduler {
  private readonly lanes = new Map<string, OrderedLane>();
  private readonly ready: OrderedLane[] = [];
  private active = 0;
  private stopped = false;
  /** Entries held (queued or being settled). */
  held = 0;

  constructor(
    private readonly concurrency: number,
    /** Ends with the entry acknowledged, dead-lettered, or left pending. */
    private readonly settle: (entry: StreamEntry) => Promise<void>,
    private readonly onSettled: () => void,
  ) {}

  add(entry: StreamEntry): void {
    const key = laneKey(entry);
    let lane = this.lanes.get(key);
    if (!lane) this.lanes.set(key, (lane = new OrderedLane(key, entry.stream)));
    if (!lane.push(entry)) return;
    this.held++;
    if (lane.draining || lane.waiting) return;
    if (this.active < this.concurrency) this.start(lane);
    else {
      lane.waiting = true;
      this.ready.push(lane);
    }
  }

  /** Stops taking entries off lanes and forgets the queued ones (they stay pending in Redis); resolves when the entries being settled are. */
  stop(): Promise<unknown> {
    this.stopped = true;
    this.ready.length = 0;
    for (const lane of this.lanes.values()) this.held -= lane.release();
    return Promise.all([...this.lanes.values()].map((lane) => lane.draining));
  }

  /** Ids of every held entry, by stream. */
  heldIds(): Map<string, string[]> {
    const held = new Map<string, string[]>();
    for (const lane of this.lanes.values()) {
      const ids = held.get(lane.stream);
      if (ids) ids.push(...lane.ids);
      else held.set(lane.stream, [...lane.ids]);
    }
    return held;
  }

  private start(lane: OrderedLane): void {
    this.active++;
    lane.draining = this.drain(lane);
  }

  private async drain(lane: OrderedLane): Promise<void> {
    try {
      for (let entry = lane.next(); entry; entry = lane.next()) {
        await this.settle(entry);
        lane.done();
        this.held--;
        this.onSettled();
        if (this.stopped) return;
      }
    } finally {
      lane.draining = undefined;
      this.active--;
      if (lane.size === 0) this.lanes.delete(lane.key);
      const next = this.stopped ? undefined : this.ready.shift();
      if (next) {
        next.waiting = false;
        this.start(next);
      }
    }
  }
}

/** Entries of one aggregate share a lane; an entry that is not a readable event gets its stream's lane (to be dead-lettered). */
function laneKey(entry: StreamEntry): string {
  try {
    entry.event = JSON.parse(entry.envelope ?? '') as EventEnvelope;
    return `${entry.stream}|${entry.event.aggregateId}`;
  } catch {
    return entry.stream;
  }
}
