import { threadId } from 'node:worker_threads';

/** Per slot: when the task started (epoch ms, 0 = not yet) and the id of the thread running it. */
const FIELDS = 2;

/**
 * When each task started running, and where, shared with the workers: a task's timeout counts
 * from its start, not from when it was queued, and the pool can stop the very thread running
 * it, without a message round trip or an AbortSignal per task. A slot is held from submission
 * to settlement.
 */
export class StartSlots {
  readonly buffer: SharedArrayBuffer;
  private readonly cells: Float64Array;
  private readonly free: number[];

  constructor(readonly capacity: number) {
    this.buffer = new SharedArrayBuffer(capacity * FIELDS * Float64Array.BYTES_PER_ELEMENT);
    this.cells = new Float64Array(this.buffer);
    this.free = Array.from({ length: capacity }, (_, i) => capacity - 1 - i);
  }

  /** A cleared slot, or undefined when every slot is held. */
  take(): number | undefined {
    const slot = this.free.pop();
    if (slot !== undefined) this.cells[slot * FIELDS] = 0;
    return slot;
  }

  release(slot: number): void {
    this.free.push(slot);
  }

  startedAt(slot: number): number {
    return this.cells[slot * FIELDS];
  }

  threadOf(slot: number): number {
    return this.cells[slot * FIELDS + 1];
  }
}

/** Worker side: a function that marks a slot started now, on this thread (one view of the table per thread). */
export function startMarker(buffer: SharedArrayBuffer): (slot: number) => void {
  const cells = new Float64Array(buffer);
  return (slot) => {
    cells[slot * FIELDS + 1] = threadId;
    cells[slot * FIELDS] = performance.timeOrigin + performance.now();
  };
}
