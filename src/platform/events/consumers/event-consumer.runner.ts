import { Logger } from '@nestjs/common';
import { reconnectDelay } from '../../redis/index.js';
import type { EventEnvelope } from '../event-envelope.js';
import { AckBatcher } from './ack-batcher.js';
import type { ConsumerSettings } from './consumer-settings.js';
import { emptyCounters, type EventConsumerStats } from './consumer-stats.js';
import { afterFailure, mayHandle } from './delivery-decision.js';
import { EventHandlerTimeoutError } from './event-consumer.errors.js';
import type { GroupStreams } from './group-streams.js';
import type { ResolvedConsumer } from './resolved-consumer.js';
import { OrderedLane } from './ordered-lane.js';
import type { StreamEntry } from './stream-entry.js';

/**
 * Runs one consumer group: reads its own pending entries, then new ones, into one lane per
 * aggregate; a lane handles its entries one at a time in stream order, up to `concurrency`
 * lanes at once, acknowledging after success. A failing entry holds its aggregate's lane while
 * it is retried with backoff, until it succeeds or is dead-lettered after `maxDeliveries`:
 * that aggregate's order wins over its progress; every other aggregate keeps flowing.
 */
export class EventConsumerRunner {
  private readonly logger: Logger;
  private readonly lanes = new Map<string, OrderedLane>();
  /** Lanes with entries, waiting for one of the `concurrency` slots. */
  private readonly ready: OrderedLane[] = [];
  private active = 0;
  private readonly counters = emptyCounters();
  private readonly wakers = new Set<() => void>();
  private readonly acks = new AckBatcher((stream, ids) => this.persist(() => this.redis.ackMany(stream, ids)));
  private held = 0;
  private stopping = false;
  private failing = false;
  private reading: Promise<void> | undefined;
  private timers: NodeJS.Timeout[] = [];
  private readonly maintaining = new Set<string>();
  private roomWaker: (() => void) | undefined;

  constructor(
    private readonly consumer: ResolvedConsumer,
    private readonly redis: GroupStreams,
    private readonly settings: ConsumerSettings,
    private readonly closeConnection: () => void,
  ) {
    this.logger = new Logger(`EventConsumer:${consumer.group}`);
  }

  start(): void {
    this.reading = this.readLoop();
    this.timers = [
      setInterval(() => this.maintain('renew', () => this.renewLeases()), Math.max(10, Math.floor(this.settings.handlerTimeoutMs / 3))),
      setInterval(() => this.maintain('reclaim', () => this.reclaim()), this.settings.reclaimIntervalMs),
    ];
  }

  /** Stops reading, lets running handlers finish within the drain timeout; queued entries stay pending (reclaimable). */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const timer of this.timers) clearInterval(timer);
    for (const wake of this.wakers) wake();
    this.closeConnection();
    this.ready.length = 0;
    for (const lane of this.lanes.values()) this.held -= lane.release();
    const draining = [...this.lanes.values()].map((lane) => lane.draining);
    let timer: NodeJS.Timeout | undefined;
    const finished = Promise.all([...draining, this.reading]).then(() => this.acks.drain());
    await Promise.race([finished, new Promise((resolve) => (timer = setTimeout(resolve, this.settings.drainTimeoutMs)))]);
    clearTimeout(timer);
  }

  stats(): EventConsumerStats {
    return { group: this.consumer.group, consumer: this.redis.consumer, inFlight: this.held, ...this.counters };
  }

  private async readLoop(): Promise<void> {
    let pending: Map<string, string> | undefined = new Map(this.redis.streams.map((stream) => [stream, '0']));
    let groupsReady = false;
    // Fresh connections are still connecting: a command now would fail (and warn) for nothing.
    while (!this.redis.connected() && !this.stopping) await this.pause(50);
    for (let attempt = 1; !this.stopping; ) {
      try {
        if (!groupsReady) await this.redis.createGroups();
        groupsReady = true;
        await this.roomToRead();
        if (this.stopping) break;
        const room = Math.max(1, Math.min(this.settings.batch, this.settings.maxInFlight - this.held));
        if (pending) {
          const read = await this.redis.readOwnPending(pending, room);
          this.enqueue(read.entries);
          pending = read.cursors.size ? read.cursors : undefined;
        } else {
          this.enqueue(await this.redis.readNew(room, this.settings.blockMs));
        }
        this.recovered();
        attempt = 1;
      } catch (error) {
        if (this.stopping) break;
        this.failed(error);
        // A stream deleted under the group (or a Redis restarted empty) lost the group: create it again.
        if (String(error).includes('NOGROUP')) groupsReady = false;
        await this.pause(reconnectDelay(attempt++));
      }
    }
  }

  private enqueue(entries: readonly StreamEntry[]): void {
    const { eventTypes } = this.consumer;
    for (const entry of entries) {
      if (eventTypes && !(entry.type !== undefined && eventTypes.has(entry.type))) {
        this.acks.add(entry.stream, entry.id);
        this.counters.skipped++;
        continue;
      }
      const key = laneKey(entry);
      let lane = this.lanes.get(key);
      if (!lane) this.lanes.set(key, (lane = new OrderedLane(key, entry.stream)));
      if (!lane.push(entry)) continue;
      this.held++;
      if (lane.draining || lane.waiting) continue;
      if (this.active < this.settings.concurrency) this.startDrain(lane);
      else {
        lane.waiting = true;
        this.ready.push(lane);
      }
    }
  }

  private startDrain(lane: OrderedLane): void {
    this.active++;
    lane.draining = this.drain(lane);
  }

  private async drain(lane: OrderedLane): Promise<void> {
    try {
      for (let entry = lane.next(); entry; entry = lane.next()) {
        await this.settle(entry);
        lane.done();
        this.held--;
        if (this.held < this.settings.maxInFlight) this.roomWaker?.();
        if (this.stopping) return;
      }
    } finally {
      lane.draining = undefined;
      this.active--;
      if (lane.size === 0) this.lanes.delete(lane.key);
      const next = this.stopping ? undefined : this.ready.shift();
      if (next) {
        next.waiting = false;
        this.startDrain(next);
      }
    }
  }

  /** Ends with the entry acknowledged, dead-lettered, or (only when stopping) left pending. */
  private async settle(entry: StreamEntry): Promise<void> {
    const { maxDeliveries } = this.consumer;
    if (!mayHandle(entry.deliveries, this.consumer)) {
      return this.deadLetter(entry, entry.deliveries - 1, `delivered ${entry.deliveries} times without an outcome (consumer died or timed out)`);
    }
    const event = entry.event;
    if (!event) return this.deadLetter(entry, entry.deliveries, 'unreadable envelope (not a JSON event)');
    for (let deliveries = entry.deliveries; ; ) {
      try {
        await this.handle(event);
        this.acks.add(entry.stream, entry.id);
        this.counters.handled++;
        return;
      } catch (error) {
        const decision = afterFailure(deliveries, { ...this.settings, maxDeliveries });
        if (decision.action === 'dead-letter') return this.deadLetter(entry, deliveries, errorText(error));
        this.counters.retried++;
        this.logger.warn({ msg: 'event handler failed; will retry', stream: entry.stream, entryId: entry.id, eventId: event.eventId, deliveries, retryInMs: decision.delayMs, error: errorText(error) });
        await this.pause(decision.delayMs);
        if (this.stopping) return;
        deliveries++;
        await this.redis.redeliver(entry, deliveries).catch((failure: unknown) => this.failed(failure));
      }
    }
  }

  private async handle(event: EventEnvelope): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new EventHandlerTimeoutError(this.consumer.group, this.settings.handlerTimeoutMs)), this.settings.handlerTimeoutMs);
    });
    try {
      await Promise.race([this.consumer.handler.handle(event), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async deadLetter(entry: StreamEntry, deliveries: number, error: string): Promise<void> {
    await this.persist(() => this.redis.deadLetter(entry, deliveries, error));
    await this.persist(() => this.redis.ack(entry));
    this.counters.deadLettered++;
    this.logger.error({ msg: 'event moved to dead letters', stream: entry.stream, entryId: entry.id, deliveries, error });
  }

  /** Retries a Redis write until it lands (the lane waits: acknowledging out of order would break it) or the consumer stops. */
  private async persist(write: () => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await write();
        return;
      } catch (error) {
        if (this.stopping) return;
        this.failed(error);
        await this.pause(reconnectDelay(attempt));
      }
    }
  }

  private async renewLeases(): Promise<void> {
    const held = new Map<string, string[]>();
    for (const lane of this.lanes.values()) {
      const ids = held.get(lane.stream);
      if (ids) ids.push(...lane.ids);
      else held.set(lane.stream, [...lane.ids]);
    }
    for (const [stream, ids] of held) await this.redis.renew(stream, ids);
  }

  private async reclaim(): Promise<void> {
    for (const stream of this.redis.streams) {
      let start = '0-0';
      do {
        if (this.held >= this.settings.maxInFlight || this.stopping) return;
        const claimed = await this.redis.reclaim(stream, this.settings.handlerTimeoutMs, this.settings.batch, start);
        const before = this.held;
        this.enqueue(claimed.entries);
        this.counters.reclaimed += this.held - before;
        start = claimed.next;
      } while (start !== '0-0');
      await this.redis.forgetIdleConsumers(stream, 2 * this.settings.handlerTimeoutMs);
    }
  }

  /** Runs a periodic task unless its previous run is still going. */
  private maintain(name: string, task: () => Promise<void>): void {
    if (this.maintaining.has(name) || this.stopping) return;
    this.maintaining.add(name);
    task()
      .catch((error: unknown) => this.failed(error))
      .finally(() => this.maintaining.delete(name));
  }

  /** The reader waits here while the consumer holds `maxInFlight` entries; a settled entry wakes it. */
  private async roomToRead(): Promise<void> {
    while (this.held >= this.settings.maxInFlight && !this.stopping) {
      const waited = this.pause(this.settings.blockMs);
      this.roomWaker = waited.wake;
      await waited;
      this.roomWaker = undefined;
    }
  }

  /** Sleeps; stop() wakes every sleeper early. */
  private pause(ms: number): Promise<void> & { wake: () => void } {
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

  /** Logged once per outage, not per retry. */
  private failed(error: unknown): void {
    if (!this.failing) this.logger.warn({ msg: 'event consumer cannot reach Redis; backing off and retrying', error: errorText(error) });
    this.failing = true;
  }

  /** After a successful read; the outage ends once both connections are back. */
  private recovered(): void {
    if (!this.failing || !this.redis.connected()) return;
    this.logger.log({ msg: 'event consumer reading again' });
    this.failing = false;
  }
}

/** Entries of one aggregate share a lane; an entry that is not a readable event gets its stream's lane (to be dead-lettered). */
function laneKey(entry: StreamEntry): string {
  try {
    entry.event = JSON.parse(entry.envelope ?? '') as EventEnvelope;
    return `${entry.stream}|${entry.event.aggregateId}`;
  } catch {
    return entry.stream;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
