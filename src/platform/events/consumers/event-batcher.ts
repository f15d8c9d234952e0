import type { EventEnvelope } from '../event-envelope.js';

interface Waiter {
  event: EventEnvelope;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for a consumer whose handler takes batches: the events submitted in one tick,
 * or while `maxRunning` batches run, go together in the next `handleBatch` call (one
 * transaction instead of one each). The runner submits at most one event per aggregate at a time, so a batch never
 * holds two events of one aggregate. A failed batch of several is retried event by event
 * through `handleOne`, so one bad event fails alone and the others' deliveries do not count.
 */
export class EventBatcher {
  private queued: Waiter[] = [];
  private running = 0;
  private scheduled = false;

  constructor(
    private readonly handleBatch: (events: EventEnvelope[]) => Promise<void>,
    private readonly handleOne: (event: EventEnvelope) => Promise<void>,
    private readonly maxBatch: number,
    /** Batches running at once: the next one need not wait for the previous commit. */
    private readonly maxRunning = 2,
  ) {}

  /** Resolves once `event` was handled (in some batch, or alone after its batch failed). */
  submit(event: EventEnvelope): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queued.push({ event, resolve, reject });
      this.schedule();
    });
  }

  /** Entries read in the same tick join one batch. */
  private schedule(): void {
    if (this.scheduled || this.running >= this.maxRunning) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const batch = this.queued.splice(0, this.maxBatch);
      if (batch.length === 0) return;
      this.running++;
      void this.run(batch).finally(() => {
        this.running--;
        if (this.queued.length > 0) this.schedule();
      });
      if (this.queued.length > 0) this.schedule();
    });
  }

  private async run(batch: Waiter[]): Promise<void> {
    try {
      await this.handleBatch(batch.map((w) => w.event));
      for (const w of batch) w.resolve();
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      await Promise.all(batch.map((w) => this.handleOne(w.event).then(w.resolve, w.reject)));
    }
  }
}
