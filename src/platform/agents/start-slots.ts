/**
 * When each task started running, shared with the workers: a task's timeout counts from its
 * start, not from when it was queued, and a worker can say so without a message round trip.
 * Slot values are epoch ms (0 = not started). A slot is held from submission to settlement.
 */
export class StartSlots {
  readonly buffer: SharedArrayBuffer;
  private readonly starts: Float64Array;
  private readonly free: number[];

  constructor(readonly capacity: number) {
    this.buffer = new SharedArrayBuffer(capacity * Float64Array.BYTES_PER_ELEMENT);
    this.starts = new Float64Array(this.buffer);
    this.free = Array.from({ length: capacity }, (_, i) => capacity - 1 - i);
  }

  /** A cleared slot, or undefined when every slot is held. */
  take(): number | undefined {
    const slot = this.free.pop();
    if (slot !== undefined) this.starts[slot] = 0;
    return slot;
  }

  release(slot: number): void {
    this.free.push(slot);
  }

  startedAt(slot: number): number {
    return this.starts[slot];
  }
}

/** Worker side: marks a slot started now. */
export function markStarted(buffer: SharedArrayBuffer, slot: number): void {
  new Float64Array(buffer)[slot] = performance.timeOrigin + performance.now();
}
