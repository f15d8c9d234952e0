import type { StreamEntry } from './stream-entry.js';

/** What a consumer runner needs of Redis Streams for one group and consumer name (Redis: `GroupStreams`; unit tests: `InMemoryConsumerTransport`). */
export interface ConsumerTransport {
  readonly streams: readonly string[];
  readonly group: string;
  readonly consumer: string;
  connected(): boolean;
  createGroups(): Promise<void>;
  readNew(count: number, blockMs: number): Promise<StreamEntry[]>;
  readOwnPending(cursors: ReadonlyMap<string, string>, count: number): Promise<{ entries: StreamEntry[]; cursors: Map<string, string> }>;
  reclaim(stream: string, minIdleMs: number, count: number, start?: string): Promise<{ entries: StreamEntry[]; next: string }>;
  forgetIdleConsumers(stream: string, idleMs: number): Promise<number>;
  renew(stream: string, ids: readonly string[]): Promise<void>;
  redeliver(entry: StreamEntry, deliveries: number): Promise<void>;
  ack(entry: StreamEntry): Promise<void>;
  ackMany(stream: string, ids: readonly string[]): Promise<void>;
  deadLetter(entry: StreamEntry, deliveries: number, error: string): Promise<void>;
}
