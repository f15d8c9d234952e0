import { Logger, type LoggerService } from '@nestjs/common';
import { envelope, type EventEnvelope } from '../event-envelope.js';
import type { ConsumerSettings } from './consumer-settings.js';
import { PoisonEventError } from './event-consumer.errors.js';
import { EventConsumerRunner } from './event-consumer.runner.js';
import { InMemoryConsumerTransport } from './in-memory-consumer-transport.js';

const settings: ConsumerSettings = {
  keyPrefix: 't',
  shards: 1,
  batch: 10,
  blockMs: 5,
  maxInFlight: 100,
  concurrency: 4,
  handlerTimeoutMs: 1000,
  retryBaseMs: 5,
  retryMaxMs: 20,
  reclaimIntervalMs: 10_000,
  drainTimeoutMs: 500,
};
const event = (aggregateId: string, version: number): EventEnvelope =>
  envelope({ type: 'contract.updated', schemaVersion: 1, aggregateType: 'contract', aggregateId, aggregateVersion: version, payload: {} });
const until = async (check: () => boolean) => {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!check()) throw new Error('condition not met in time');
};

class Recorder implements LoggerService {
  readonly lines: string[] = [];
  log(message: unknown) { this.lines.push(JSON.stringify(message)); }
  warn(message: unknown) { this.lines.push(JSON.stringify(message)); }
  error(message: unknown) { this.lines.push(JSON.stringify(message)); }
}

describe('EventConsumerRunner (in-memory transport)', () => {
  let transport: InMemoryConsumerTransport;
  let runner: EventConsumerRunner | undefined;
  const logs = new Recorder();
  const run = (handle: (e: EventEnvelope) => Promise<void>, maxDeliveries = 3, handleBatch?: (events: EventEnvelope[]) => Promise<void>) => {
    runner = new EventConsumerRunner({ className: 'Test', group: 'group', aggregateTypes: ['contract'], eventTypes: undefined, maxDeliveries, handler: { handle, handleBatch } }, transport, settings, () => undefined);
    runner.start();
    return runner;
  };

  beforeAll(() => Logger.overrideLogger(logs));
  beforeEach(() => {
    transport = new InMemoryConsumerTransport(['s']);
    logs.lines.length = 0;
  });
  afterEach(async () => {
    await runner?.stop();
    runner = undefined;
  });

  it('handles one aggregate in order while others go alongside, and acks each entry only after its handler resolved', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const handled: string[] = [];
    const ids = [transport.publish('s', event('a', 1)), transport.publish('s', event('a', 2)), transport.publish('s', event('b', 1))];
    run(async (e) => {
      if (e.aggregateId === 'a' && e.aggregateVersion === 1) await gate;
      handled.push(`${e.aggregateId}${e.aggregateVersion}`);
    });
    await until(() => handled.includes('b1'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(handled).toEqual(['b1']);
    expect(transport.acked).toEqual([ids[2]]);
    release();
    await until(() => transport.acked.length === 3);
    expect(handled).toEqual(['b1', 'a1', 'a2']);
  });

  it('with beforeAck: acknowledges an entry, and moves its aggregate on, only once its effect is confirmed durable; an unconfirmed one is handled again first', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const handled: string[] = [];
    const asked: string[][] = [];
    const lost = new Set<string>();
    const a1 = event('a', 1);
    const a2 = event('a', 2);
    const ids = [transport.publish('s', a1), transport.publish('s', a2)];
    lost.add(a1.eventId); // the first confirmation does not find a1's effect: lost with a crash
    const handler = {
      handle: async (e: EventEnvelope) => void handled.push(`${e.aggregateId}${e.aggregateVersion}`),
      beforeAck: async (eventIds: string[]) => {
        asked.push(eventIds);
        if (asked.length === 1) throw new Error('database away');
        await gate;
        const durable = eventIds.filter((id) => !lost.has(id));
        lost.clear();
        return durable;
      },
    };
    runner = new EventConsumerRunner({ className: 'Test', group: 'group', aggregateTypes: ['contract'], eventTypes: undefined, maxDeliveries: 3, handler }, transport, settings, () => undefined);
    runner.start();
    await until(() => asked.length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(handled).toEqual(['a1']);
    expect(transport.acked).toEqual([]);
    release();
    await until(() => transport.acked.length === 2);
    // a1 was handled again before a2, and acknowledged only after a confirmation named it.
    expect(handled).toEqual(['a1', 'a1', 'a2']);
    expect(transport.acked).toEqual(ids);
    expect(logs.lines.some((line) => line.includes('cannot confirm that handled events are durable'))).toBe(true);
  });

  it('retries with growing delays, recording each delivery, then dead-letters after maxDeliveries', async () => {
    const tries: number[] = [];
    const id = transport.publish('s', event('a', 1));
    const r = run(async () => {
      tries.push(Date.now());
      throw new Error('boom');
    });
    await until(() => transport.deadLetters.length === 1);
    expect(transport.redelivered).toEqual([
      [id, 2],
      [id, 3],
    ]);
    expect(transport.deadLetters).toEqual([{ id, deliveries: 3, error: 'boom' }]);
    expect(transport.acked).toEqual([id]);
    // Base 5 ms, doubled: at least 5 then 10 ms between deliveries (1 ms of clock rounding allowed).
    expect(tries[1] - tries[0]).toBeGreaterThanOrEqual(4);
    expect(tries[2] - tries[1]).toBeGreaterThanOrEqual(9);
    expect(r.stats()).toMatchObject({ handled: 0, retried: 2, deadLettered: 1, inFlight: 0 });
  });

  it('dead-letters a poison event at its first failure, and the aggregate\'s next event is handled', async () => {
    const ids = [transport.publish('s', event('a', 1)), transport.publish('s', event('a', 2))];
    const handled: number[] = [];
    const r = run(async (e) => {
      if (e.aggregateVersion === 1) throw new PoisonEventError('cannot read it');
      handled.push(e.aggregateVersion);
    }, 50);
    await until(() => transport.deadLetters.length === 1 && handled.length === 1);
    expect(transport.deadLetters).toEqual([{ id: ids[0], deliveries: 1, error: 'cannot read it' }]);
    expect(r.stats()).toMatchObject({ handled: 1, retried: 0, deadLettered: 1 });
  });

  it('dead-letters an unreadable envelope without calling the handler', async () => {
    const id = transport.publish('s', 'not json');
    let calls = 0;
    run(async () => void calls++);
    await until(() => transport.deadLetters.length === 1);
    expect([calls, transport.deadLetters[0].id, transport.deadLetters[0].deliveries]).toEqual([0, id, 1]);
  });

  it('rides out a transport outage: no event lost, one warning for the outage and one when reading again', async () => {
    const handled: number[] = [];
    transport.publish('s', event('a', 1));
    run(async (e) => void handled.push(e.aggregateVersion));
    await until(() => transport.acked.length === 1);
    transport.down = true;
    transport.publish('s', event('a', 2));
    transport.publish('s', event('a', 3));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(handled).toEqual([1]);
    transport.down = false;
    await until(() => transport.acked.length === 3);
    expect(handled).toEqual([1, 2, 3]);
    expect(logs.lines.filter((l) => l.includes('cannot reach Redis'))).toHaveLength(1);
    expect(logs.lines.filter((l) => l.includes('reading again'))).toHaveLength(1);
  });

  it('leaves reclaim and lease renewal alone until its group exists: a slow start is no outage', async () => {
    transport.createGroupsMs = 50;
    transport.publish('s', event('a', 1));
    const handled: number[] = [];
    const consumer = { className: 'Test', group: 'group', aggregateTypes: ['contract'], eventTypes: undefined, maxDeliveries: 3, handler: { handle: async (e: EventEnvelope) => void handled.push(e.aggregateVersion) } };
    runner = new EventConsumerRunner(consumer, transport, { ...settings, reclaimIntervalMs: 2, handlerTimeoutMs: 30 }, () => undefined);
    runner.start();
    await until(() => transport.acked.length === 1);
    expect(handled).toEqual([1]);
    expect(transport.groupCommandsBeforeGroups).toBe(0);
    expect(logs.lines.filter((l) => l.includes('cannot reach Redis'))).toEqual([]);
  });

  it('gives a batch consumer the ready events together, one per aggregate, and acks them after the batch', async () => {
    const batches: string[][] = [];
    for (const [id, v] of [['a', 1], ['b', 1], ['a', 2], ['c', 1]] as const) transport.publish('s', event(id, v));
    run(
      () => Promise.reject(new Error('handle is for a failed batch only')),
      3,
      async (events) => void batches.push(events.map((e) => `${e.aggregateId}${e.aggregateVersion}`)),
    );
    await until(() => transport.acked.length === 4);
    expect(batches.flat().sort()).toEqual(['a1', 'a2', 'b1', 'c1']);
    // a1 and a2 never share a batch, and a1 goes first.
    expect(batches.findIndex((b) => b.includes('a1'))).toBeLessThan(batches.findIndex((b) => b.includes('a2')));
    expect(batches[0]).toEqual(expect.arrayContaining(['a1', 'b1', 'c1']));
  });

  it('splits a failed batch: the bad event is retried and dead-lettered alone, the others are handled once', async () => {
    const alone: string[] = [];
    const ids = [transport.publish('s', event('a', 1)), transport.publish('s', event('bad', 1)), transport.publish('s', event('c', 1))];
    const r = run(
      async (e) => {
        alone.push(e.aggregateId);
        if (e.aggregateId === 'bad') throw new Error('boom');
      },
      2,
      async (events) => {
        if (events.some((e) => e.aggregateId === 'bad')) throw new Error('batch failed');
      },
    );
    await until(() => transport.deadLetters.length === 1 && transport.acked.length === 3);
    // The retry is a batch of one, so the batch's error is the one recorded.
    expect(transport.deadLetters).toEqual([{ id: ids[1], deliveries: 2, error: 'batch failed' }]);
    expect(alone.sort()).toEqual(['a', 'bad', 'c']);
    expect(r.stats()).toMatchObject({ handled: 2, retried: 1, deadLettered: 1 });
  });
});
