/** What one instance tells the others: tags whose versions moved, keys deleted. */
export interface BusMessage {
  from: string;
  tags?: Record<string, number>;
  /** Tags softly invalidated, with the time: entries created before it are refreshed while served. */
  softTags?: Record<string, number>;
  keys?: string[];
  /** Keys whose value was just written to L2 by the lock holder: waiters can read them. */
  landed?: string[];
  /** Keys whose lock holder gave up without writing a value: waiters try for the lock again. */
  released?: string[];
}

export interface CacheBus {
  /**
   * The Redis channel the bus publishes on, when it is one on the L2 store's Redis: the store
   * then announces tag bumps itself, with the bump (`L2Store.bumpTags`).
   */
  readonly channel?: string;
  publish(message: BusMessage): Promise<void>;
  subscribe(handler: (message: BusMessage) => void, onReconnect: () => void): Promise<void>;
  close(): Promise<void>;
}

/** Delivers in process only: for unit tests and single-instance runs. */
export class MemoryCacheBus implements CacheBus {
  private readonly handlers: ((message: BusMessage) => void)[] = [];

  async publish(message: BusMessage): Promise<void> {
    for (const handler of this.handlers) handler(message);
  }

  async subscribe(handler: (message: BusMessage) => void): Promise<void> {
    this.handlers.push(handler);
  }

  async close(): Promise<void> {
    this.handlers.length = 0;
  }
}
