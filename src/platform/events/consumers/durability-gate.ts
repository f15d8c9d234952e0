/**
 * Asks whether handled events' effects are durable, many at once: the ids asked for within
 * `windowMs`, or while a confirmation runs, go in one (group commit: one WAL flush for all).
 * `confirm` resolves to the durable ids, or undefined when no answer can be had (stopping);
 * it never rejects.
 */
export class DurabilityGate {
  private queued = new Map<string, ((durable: boolean) => void)[]>();
  private running = false;

  constructor(
    private readonly confirm: (eventIds: string[]) => Promise<ReadonlySet<string> | undefined>,
    /** How long the first id of a confirmation waits for others (0: the end of the tick). */
    private readonly windowMs = 0,
  ) {}

  /** True once the effect of `eventId` is known durable; false if it is not (or no answer came). */
  durable(eventId: string): Promise<boolean> {
    return new Promise((resolve) => {
      const waiting = this.queued.get(eventId);
      if (waiting) waiting.push(resolve);
      else this.queued.set(eventId, [resolve]);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.running || this.queued.size === 0) return;
    this.running = true;
    if (this.windowMs > 0) setTimeout(() => void this.run(), this.windowMs);
    else setImmediate(() => void this.run());
  }

  private async run(): Promise<void> {
    const batch = this.queued;
    this.queued = new Map();
    const durable = await this.confirm([...batch.keys()]);
    for (const [eventId, waiting] of batch) for (const resolve of waiting) resolve(durable?.has(eventId) ?? false);
    this.running = false;
    this.schedule();
  }
}
