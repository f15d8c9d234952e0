/** Concurrent callers for one key share one run of the loader (per process). */
export class SingleFlight {
  private readonly inFlight = new Map<string, Promise<unknown>>();
  coalesced = 0;

  has(key: string): boolean {
    return this.inFlight.has(key);
  }

  run<T>(key: string, load: () => Promise<T>): Promise<T> {
    const running = this.inFlight.get(key);
    if (running) {
      this.coalesced++;
      return running as Promise<T>;
    }
    const promise = load().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    return promise;
  }
}
