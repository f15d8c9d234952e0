import type { Redis } from 'ioredis';
import { deadLetterStream, toFields } from '../dead-letters/dead-letter.record.js';
import type { ConsumerTransport } from './consumer-transport.js';
import { type StreamEntry, readReply, toEntry } from './stream-entry.js';

type RawEntry = [id: string, fields: string[] | null];

/**
 * The Redis commands of one consumer (group + consumer name) over its shard streams. Reads
 * go through the consumer's own blocking connection; everything else through the process's
 * command connection.
 */
export class GroupStreams implements ConsumerTransport {
  private readonly deadLetters: string;

  constructor(
    readonly streams: readonly string[],
    readonly group: string,
    readonly consumer: string,
    private readonly blocking: Redis,
    private readonly commands: Redis,
    keyPrefix: string,
  ) {
    this.deadLetters = deadLetterStream(keyPrefix);
  }

  /** Both connections are up (the command one may reconnect later than the blocking one). */
  connected(): boolean {
    return this.blocking.status === 'ready' && this.commands.status === 'ready';
  }

  /** From id 0 with MKSTREAM, so entries published before the group existed are handled too. */
  async createGroups(): Promise<void> {
    await Promise.all(
      this.streams.map((stream) =>
        this.commands.xgroup('CREATE', stream, this.group, '0', 'MKSTREAM').catch((error: unknown) => {
          if (!String(error).includes('BUSYGROUP')) throw error;
        }),
      ),
    );
  }

  /** New entries (`>`), waiting up to `blockMs`; each is on its first delivery. */
  async readNew(count: number, blockMs: number): Promise<StreamEntry[]> {
    const reply = await this.xreadgroup('COUNT', count, 'BLOCK', blockMs, 'STREAMS', ...this.streams, ...this.streams.map(() => '>'));
    const entries: StreamEntry[] = [];
    for (const [stream, raw] of readReply(reply)) for (const item of raw) entries.push(toEntry(stream, item, 1));
    return entries;
  }

  /**
   * This consumer's own pending entries after each stream's cursor (reading them counts a
   * delivery), and the cursors to read on from; a stream missing from them has no more.
   */
  async readOwnPending(cursors: ReadonlyMap<string, string>, count: number): Promise<{ entries: StreamEntry[]; cursors: Map<string, string> }> {
    const streams = [...cursors.keys()];
    const reply = await this.xreadgroup('COUNT', count, 'STREAMS', ...streams, ...streams.map((s) => cursors.get(s) as string));
    const entries: StreamEntry[] = [];
    const next = new Map<string, string>();
    for (const [stream, raw] of readReply(reply)) {
      if (raw.length === 0) continue;
      next.set(stream, raw[raw.length - 1][0]);
      // An entry trimmed away while pending comes back without fields: nothing to handle.
      const deleted = raw.filter(([, fields]) => fields === null).map(([id]) => id);
      if (deleted.length) await this.commands.xack(stream, this.group, ...deleted);
      entries.push(...(await this.withDeliveries(stream, raw.filter(([, fields]) => fields !== null))));
    }
    return { entries, cursors: next };
  }

  /** Takes over entries idle longer than `minIdleMs` (their consumer is dead or stuck). */
  async reclaim(stream: string, minIdleMs: number, count: number, start = '0-0'): Promise<{ entries: StreamEntry[]; next: string }> {
    const [next, raw] = (await this.commands.call('XAUTOCLAIM', stream, this.group, this.consumer, minIdleMs, start, 'COUNT', count)) as [string, RawEntry[]];
    return { entries: await this.withDeliveries(stream, raw.filter(([, fields]) => fields !== null)), next };
  }

  /**
   * Removes other consumers that hold nothing and have been idle longer than `idleMs` (dead
   * processes, whose names are never reused). Harmless for a live one: Redis creates a
   * consumer again on its next read.
   */
  async forgetIdleConsumers(stream: string, idleMs: number): Promise<number> {
    const consumers = (await this.commands.xinfo('CONSUMERS', stream, this.group)) as unknown[][];
    let forgotten = 0;
    for (const fields of consumers) {
      const info = new Map<string, unknown>();
      for (let i = 0; i + 1 < fields.length; i += 2) info.set(String(fields[i]), fields[i + 1]);
      const name = String(info.get('name'));
      if (name === this.consumer || Number(info.get('pending')) !== 0 || Number(info.get('idle')) <= idleMs) continue;
      await this.commands.xgroup('DELCONSUMER', stream, this.group, name);
      forgotten++;
    }
    return forgotten;
  }

  /** Keeps entries this consumer still holds from being reclaimed (resets their idle time, not their delivery count). */
  async renew(stream: string, ids: readonly string[]): Promise<void> {
    if (ids.length) await this.commands.call('XCLAIM', stream, this.group, this.consumer, 0, ...ids, 'JUSTID');
  }

  /** Records another delivery of an entry being retried, so a crash mid-retry does not reset its count. */
  async redeliver(entry: StreamEntry, deliveries: number): Promise<void> {
    await this.commands.call('XCLAIM', entry.stream, this.group, this.consumer, 0, entry.id, 'RETRYCOUNT', deliveries, 'JUSTID');
  }

  async ack(entry: StreamEntry): Promise<void> {
    await this.commands.xack(entry.stream, this.group, entry.id);
  }

  async ackMany(stream: string, ids: readonly string[]): Promise<void> {
    await this.commands.xack(stream, this.group, ...ids);
  }

  /** Copies the entry to the dead-letter stream with why it failed; the caller acknowledges it after. */
  async deadLetter(entry: StreamEntry, deliveries: number, error: string): Promise<void> {
    let eventId: string | null = null;
    try {
      eventId = entry.envelope ? ((JSON.parse(entry.envelope) as { eventId?: string }).eventId ?? null) : null;
    } catch {
      // An unreadable envelope is why it is here; it is kept verbatim.
    }
    const fields = toFields({ group: this.group, stream: entry.stream, entryId: entry.id, eventId, type: entry.type ?? null, envelope: entry.envelope ?? null, error, deliveries, consumer: this.consumer, failedAt: new Date().toISOString() });
    await this.commands.xadd(this.deadLetters, '*', ...fields);
  }

  /** Through ioredis' typed command, which answers in the RESP2 shape whatever the protocol (a raw `call` under RESP3 answers a map). */
  private xreadgroup(...args: (string | number)[]): Promise<unknown> {
    return (this.blocking as unknown as { xreadgroup(...all: (string | number)[]): Promise<unknown> }).xreadgroup('GROUP', this.group, this.consumer, ...args);
  }

  private async withDeliveries(stream: string, raw: RawEntry[]): Promise<StreamEntry[]> {
    if (raw.length === 0) return [];
    const pending = (await this.commands.call('XPENDING', stream, this.group, raw[0][0], raw[raw.length - 1][0], raw.length, this.consumer)) as [string, string, number, number][];
    const counts = new Map(pending.map(([id, , , deliveries]) => [id, Number(deliveries)]));
    return raw.map((item) => toEntry(stream, item, counts.get(item[0]) ?? 1));
  }
}
