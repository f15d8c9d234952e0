/** Sleeps that a stopping consumer can cut short all at once. */
export class Sleeper {
  private readonly wakers = new Set<() => void>();

  /** Resolves after `ms`, or earlier on `wake()` of this sleep or `wakeAll()`. */
  sleep(ms: number): Promise<void> & { wake: () => void } {
    let wake!: () => void;
    const slept = new Promise<void>((resolve) => {
      const timer = setTimeout(() => wake(), ms);
      wake = () => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      this.wakers.add(wake);
    });
    return Object.assign(slept, { wake });
  }

  wakeAll(): void {
    for (const wake of this.wakers) wake();
  }
}
