/**
 * Collects the ids to acknowledge per stream and sends them as one XACK per stream once the
 * current tick's work is done: one round trip for a whole batch instead of one per entry
 * (hot path). A handled entry's lane moves on without waiting for its ack; if the ack is lost
 * the entry is redelivered later and the handler's idempotency absorbs it.
 */
export class AckBatcher {
  private pending = new Map<string, string[]>();
  private scheduled = false;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly send: (stream: string, ids: string[]) => Promise<void>) {}

  add(stream: string, id: string): void {
    const ids = this.pending.get(stream);
    if (ids) ids.push(id);
    else this.pending.set(stream, [id]);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flushing = this.flushing.then(() => this.flushNow());
    });
  }

  /** Resolves once every id added so far has been sent (or given up on by `send`). */
  async drain(): Promise<void> {
    this.flushing = this.flushing.then(() => this.flushNow());
    await this.flushing;
  }

  private async flushNow(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    await Promise.all([...batch].map(([stream, ids]) => this.send(stream, ids)));
  }
}
