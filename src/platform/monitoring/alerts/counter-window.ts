/**
 * Increases of cumulative counters over a sliding span: each call adds a sample and answers
 * the increase since the newest sample at least a span old, or since the window was made (the
 * counters were zero then), whichever is later.
 */
export class CounterWindow {
  private readonly samples: { at: number; values: readonly number[] }[];

  constructor(
    private readonly spanMs: number,
    startedAt: number,
    counters: number,
  ) {
    this.samples = [{ at: startedAt, values: new Array<number>(counters).fill(0) }];
  }

  increase(at: number, values: readonly number[]): number[] {
    this.samples.push({ at, values });
    while (this.samples.length > 1 && at - this.samples[1].at >= this.spanMs) this.samples.shift();
    const oldest = this.samples[0].values;
    // A counter that went back (a restart of what it counts) counts from zero.
    return values.map((value, i) => (value >= oldest[i] ? value - oldest[i] : value));
  }
}
