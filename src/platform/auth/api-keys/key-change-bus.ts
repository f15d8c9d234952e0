/** An API key created or revoked: every instance forgets what it cached about that id. */
export interface KeyChange {
  id: string;
  change: 'created' | 'revoked';
}

/** Tells every instance of key changes. Messages missed while disconnected cannot be replayed: `onReconnect` says to forget everything. */
export interface KeyChangeBus {
  publish(change: KeyChange): Promise<void>;
  subscribe(handler: (change: KeyChange) => void, onReconnect: () => void): Promise<void>;
  close(): Promise<void>;
}

/** Delivers in process only: for unit tests and single-instance runs. */
export class MemoryKeyChangeBus implements KeyChangeBus {
  private readonly handlers: ((change: KeyChange) => void)[] = [];

  async publish(change: KeyChange): Promise<void> {
    for (const handler of this.handlers) handler(change);
  }

  async subscribe(handler: (change: KeyChange) => void): Promise<void> {
    this.handlers.push(handler);
  }

  async close(): Promise<void> {
    this.handlers.length = 0;
  }
}
