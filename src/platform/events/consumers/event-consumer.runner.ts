import { Logger } from '@nestjs/common';
import { reconnectDelay } from '../../redis/index.js';
import { AckBatcher } from './ack-batcher.js';
import type { ConsumerSettings } from './consumer-settings.js';
import { emptyCounters, type EventConsumerStats } from './consumer-stats.js';
import { afterFailure, mayHandle } from './delivery-decision.js';
import type { EventEnvelope } from '../event-envelope.js';
import { DurabilityGate } from './durability-gate.js';
import { EventBatcher } from './event-batcher.js';
import { EffectNotDurableError, EventHandlerTimeoutError, PoisonEventError } from './event-consumer.errors.js';
import type { ConsumerTransport } from './consumer-transport.js';
import { LaneScheduler } from './lane-scheduler.js';
import type { ResolvedConsumer } from './resolved-consumer.js';
import { Sleeper } from './sleeper.js';
import type { StreamEntry } from './stream-entry.js';
import { withTimeout } from './with-timeout.js';

/** One confirmation (a WAL flush) per 5 ms of handled events at most, not one per batch. */
const DURABILITY_WINDOW_MS = 5;

/**
 * Runs one consumer group: reads its own pending entries, then new ones, into one lane per
 * aggregate (up to `concurrency` aggregates at once, each one's entries one at a time in
 * stream order), acknowledging after success. A failing entry holds its aggregate's lane while
 * it is retried with backoff, until it succeeds or is dead-lettered after `maxDeliveries`:
 * that aggregate's order wins over its progress; every other aggregate keeps flowing.
 */
export class EventConsumerRunner {
  private readonly logger: Logger;
  private readonly counters = emptyCounters();
  private readonly sleeper = new Sleeper();
  private readonly lanes: LaneScheduler;
  private readonly acks: AckBatcher;
  /** For a handler with `beforeAck`: an entry's lane waits here until its effect is durable. */
  private readonly durability: DurabilityGate | undefined;
  private stopping = false;
  private failing = false;
  /** The group exists on every stream; false until created, and again once Redis lost it (NOGROUP). */
  private groupsReady = false;
  private reading: Promise<void> | undefined;
  private timers: NodeJS.Timeout[] = [];
  private readonly maintaining = new Set<string>();
  private roomWaker: (() => void) | undefined;
  /** One event's handling: alone, or in the next batch of a `handleBatch` consumer. */
  private readonly handle: (event: EventEnvelope) => Promise<void>;

  constructor(
    private readonly consumer: ResolvedConsumer,
    private readonly redis: ConsumerTransport,
    private readonly settings: ConsumerSettings,
    private readonly closeConnection: () => void,
  ) {
    this.logger = new Logger(`EventConsumer:${consumer.group}`);
    this.acks = new AckBatcher((stream, ids) => this.persist(() => this.redis.ackMany(stream, ids)));
    const beforeAck = consumer.handler.beforeAck?.bind(consumer.handler);
    this.durability = beforeAck ? new DurabilityGate((eventIds) => this.confirmDurable(beforeAck, eventIds), DURABILITY_WINDOW_MS) : undefined;
    const { handler } = consumer;
    const handleOne = (event: EventEnvelope) => handler.handle(event);
    const handleBatch = handler.handleBatch?.bind(handler);
    if (handleBatch) {
      const batcher = new EventBatcher(handleBatch, handleOne, settings.batch);
      this.handle = (event) => batcher.submit(event);
    } else {
      this.handle = handleOne;
    }
    this.lanes = new LaneScheduler(
      settings.concurrency,
      (entry) => this.settle(entry),
      () => {
        if (this.lanes.held < this.settings.maxInFlight) this.roomWaker?.();
      },
    );
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
    this.sleeper.wakeAll();
    this.closeConnection();
    const finished = Promise.all([this.lanes.stop(), this.reading]).then(() => this.acks.drain());
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([finished, new Promise((resolve) => (timer = setTimeout(resolve, this.settings.drainTimeoutMs)))]);
    clearTimeout(timer);
  }

  /** Reading (started, not stopping, its loop alive) and not failing (its last read or ack worked). */
  health(): { group: string; reading: boolean; failing: boolean } {
    return { group: this.consumer.group, reading: this.reading !== undefined && !this.stopping, failing: this.failing };
  }

  stats(): EventConsumerStats {
    return { group: this.consumer.group, consumer: this.redis.consumer, inFlight: this.lanes.held, ...this.counters };
  }

  private async readLoop(): Promise<void> {
    let pending: Map<string, string> | undefined = new Map(this.redis.streams.map((stream) => [stream, '0']));
    // Fresh connections are still connecting: a command now would fail (and warn) for nothing.
    while (!this.redis.connected() && !this.stopping) await this.sleeper.sleep(50);
    for (let attempt = 1; !this.stopping; ) {
      try {
        if (!this.groupsReady) await this.redis.createGroups();
        this.groupsReady = true;
        await this.roomToRead();
        if (this.stopping) break;
        const room = Math.max(1, Math.min(this.settings.batch, this.settings.maxInFlight - this.lanes.held));
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
        await this.sleeper.sleep(reconnectDelay(attempt++));
      }
    }
  }

  /** Returns how many entries were taken on (not already held, not skipped). */
  private enqueue(entries: readonly StreamEntry[]): number {
    const { eventTypes } = this.consumer;
    const before = this.lanes.held;
    for (const entry of entries) {
      if (eventTypes && !(entry.type !== undefined && eventTypes.has(entry.type))) {
        this.acks.add(entry.stream, entry.id);
        this.counters.skipped++;
      } else {
        this.lanes.add(entry);
      }
    }
    return this.lanes.held - before;
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
        await withTimeout(this.handle(event), this.settings.handlerTimeoutMs, () => new EventHandlerTimeoutError(this.consumer.group, this.settings.handlerTimeoutMs));
        // The aggregate's next event waits too, so a lost effect is applied again in its place.
        if (this.durability && !(await this.durability.durable(event.eventId))) {
          if (this.stopping) return;
          throw new EffectNotDurableError(this.consumer.group, event.eventId);
        }
        this.acks.add(entry.stream, entry.id);
        this.counters.handled++;
        return;
      } catch (error) {
        const decision = error instanceof PoisonEventError ? ({ action: 'dead-letter' } as const) : afterFailure(deliveries, { ...this.settings, maxDeliveries });
        if (decision.action === 'dead-letter') return this.deadLetter(entry, deliveries, errorText(error));
        this.counters.retried++;
        this.logger.warn({ msg: 'event handler failed; will retry', stream: entry.stream, entryId: entry.id, eventId: event.eventId, deliveries, retryInMs: decision.delayMs, error: errorText(error) });
        await this.sleeper.sleep(decision.delayMs);
        if (this.stopping) return;
        deliveries++;
        await this.redis.redeliver(entry, deliveries).catch((failure: unknown) => this.failed(failure));
      }
    }
  }

  private async deadLetter(entry: StreamEntry, deliveries: number, error: string): Promise<void> {
    await this.persist(() => this.redis.deadLetter(entry, deliveries, error));
    await this.persist(() => this.redis.ack(entry));
    this.counters.deadLettered++;
    this.logger.error({ msg: 'event moved to dead letters', stream: entry.stream, entryId: entry.id, deliveries, error });
  }

  /** Retries a Redis write until it lands or the consumer stops (then the entry stays pending, reclaimable). */
  private async persist(write: () => Promise<void>): Promise<void> {
    await this.untilDone(write, (error) => this.failed(error));
  }

  /** Runs `task` until it succeeds, each failure reported and followed by a backoff; undefined if the consumer stops first. */
  private async untilDone<T>(task: () => Promise<T>, failed: (error: unknown, attempt: number) => void): Promise<T | undefined> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await task();
      } catch (error) {
        if (this.stopping) return undefined;
        failed(error, attempt);
        await this.sleeper.sleep(reconnectDelay(attempt));
      }
    }
  }

  /**
   * The handler's `beforeAck` answer for these event ids, retried until there is one; undefined
   * only when the consumer stops first (the entries then stay pending and come back).
   */
  private async confirmDurable(beforeAck: (eventIds: string[]) => Promise<Iterable<string>>, eventIds: string[]): Promise<ReadonlySet<string> | undefined> {
    const durable = await this.untilDone(
      () => beforeAck(eventIds),
      (error, attempt) => {
        if (attempt === 1) this.logger.warn({ msg: 'cannot confirm that handled events are durable (beforeAck); retrying', error: errorText(error) });
      },
    );
    return durable && new Set(durable);
  }

  /** Keeps held entries from looking idle to other consumers' reclaim. */
  private async renewLeases(): Promise<void> {
    for (const [stream, ids] of this.lanes.heldIds()) await this.redis.renew(stream, ids);
  }

  private async reclaim(): Promise<void> {
    for (const stream of this.redis.streams) {
      let start = '0-0';
      do {
        if (this.lanes.held >= this.settings.maxInFlight || this.stopping) return;
        const claimed = await this.redis.reclaim(stream, this.settings.handlerTimeoutMs, this.settings.batch, start);
        this.counters.reclaimed += this.enqueue(claimed.entries);
        start = claimed.next;
      } while (start !== '0-0');
      // Longer than a live consumer can go without reading (a handler, or a BLOCK), twice over.
      await this.redis.forgetIdleConsumers(stream, 2 * Math.max(this.settings.handlerTimeoutMs, 2 * this.settings.blockMs));
    }
  }

  /** Runs a periodic task unless its previous run is still going, or the group is not there to work on yet. */
  private maintain(name: string, task: () => Promise<void>): void {
    if (this.maintaining.has(name) || this.stopping || !this.groupsReady) return;
    this.maintaining.add(name);
    task()
      .catch((error: unknown) => this.failed(error))
      .finally(() => this.maintaining.delete(name));
  }

  /** The reader waits here while the consumer holds `maxInFlight` entries; a settled entry wakes it. */
  private async roomToRead(): Promise<void> {
    while (this.lanes.held >= this.settings.maxInFlight && !this.stopping) {
      const waited = this.sleeper.sleep(this.settings.blockMs);
      this.roomWaker = waited.wake;
      await waited;
      this.roomWaker = undefined;
    }
  }

  /** Logged once per outage, not per retry. */
  private failed(error: unknown): void {
    // A stream deleted under the group (or a Redis restarted empty) lost the group: the reader creates it again.
    if (errorText(error).includes('NOGROUP')) this.groupsReady = false;
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

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
