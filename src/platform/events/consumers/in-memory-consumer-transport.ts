import type { EventEnvelope } from '../event-envelope.js';
import type { ConsumerTransport } from './consumer-transport.js';
import type { StreamEntry } from './stream-entry.js';

/**
 * A consumer transport in memory, for unit tests of the runner: entries are delivered once
 * each, in order per stream; acks, redeliveries and dead letters are recorded; `down` makes
 * every command fail as if Redis were away; until `createGroups` has run (it takes
 * `createGroupsMs`), commands on the group fail with NOGROUP, as Redis answers them.
 */
export class InMemoryConsumerTransport implements ConsumerTransport {
  readonly acked: string[] = [];
  readonly redelivered: [id: string, deliveries: number][] = [];
  readonly deadLetters: { id: string; deliveries: number; error: string }[] = [];
  down = false;
  createGroupsMs = 0;
  groupCommandsBeforeGroups = 0;
  private groupsExist = false;
  private readonly queued: StreamEntry[] = [];
  private sequence = 0;

  constructor(
    readonly streams: readonly string[],
    readonly group = 'group',
    readonly consumer = 'consumer',
  ) {}

  publish(stream: string, event: EventEnvelope | string): string {
    const id = `${++this.sequence}-0`;
    const envelope = typeof event === 'string' ? event : JSON.stringify(event);
    this.queued.push({ stream, id, type: typeof event === 'string' ? undefined : event.type, envelope, deliveries: 1 });
    return id;
  }

  connected(): boolean {
    return !this.down;
  }

  async createGroups(): Promise<void> {
    this.check();
    await new Promise((resolve) => setTimeout(resolve, this.createGroupsMs));
    this.groupsExist = true;
  }

  async readNew(count: number, blockMs: number): Promise<StreamEntry[]> {
    this.checkGroup();
    if (this.queued.length === 0) await new Promise((resolve) => setTimeout(resolve, Math.min(blockMs, 5)));
    this.check();
    return this.queued.splice(0, count);
  }

  async readOwnPending(): Promise<{ entries: StreamEntry[]; cursors: Map<string, string> }> {
    this.checkGroup();
    return { entries: [], cursors: new Map() };
  }

  async reclaim(): Promise<{ entries: StreamEntry[]; next: string }> {
    this.checkGroup();
    return { entries: [], next: '0-0' };
  }

  async forgetIdleConsumers(): Promise<number> {
    this.checkGroup();
    return 0;
  }

  async renew(): Promise<void> {
    this.checkGroup();
  }

  async redeliver(entry: StreamEntry, deliveries: number): Promise<void> {
    this.check();
    this.redelivered.push([entry.id, deliveries]);
  }

  async ack(entry: StreamEntry): Promise<void> {
    await this.ackMany(entry.stream, [entry.id]);
  }

  async ackMany(_stream: string, ids: readonly string[]): Promise<void> {
    this.check();
    this.acked.push(...ids);
  }

  async deadLetter(entry: StreamEntry, deliveries: number, error: string): Promise<void> {
    this.check();
    this.deadLetters.push({ id: entry.id, deliveries, error });
  }

  private check(): void {
    if (this.down) throw new Error('Connection is closed.');
  }

  private checkGroup(): void {
    this.check();
    if (this.groupsExist) return;
    this.groupCommandsBeforeGroups++;
    throw new Error(`NOGROUP No such key '${this.streams[0]}' or consumer group '${this.group}'`);
  }
}
