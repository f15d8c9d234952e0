import { envelope, type EventEnvelope } from '../event-envelope.js';
import { EventBatcher } from './event-batcher.js';

const event = (aggregateId: string): EventEnvelope =>
  envelope({ type: 'contract.updated', schemaVersion: 1, aggregateType: 'contract', aggregateId, aggregateVersion: 1, payload: {} });

describe('EventBatcher', () => {
  it('puts the events submitted in one tick in one batch, and those submitted while maxRunning batches run in the next', async () => {
    const batches: string[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const batcher = new EventBatcher(
      async (events) => {
        batches.push(events.map((e) => e.aggregateId));
        if (batches.length === 1) await gate;
      },
      () => Promise.reject(new Error('not expected')),
      100,
      1,
    );
    const first = [batcher.submit(event('a')), batcher.submit(event('b'))];
    await new Promise((resolve) => setImmediate(resolve));
    const second = [batcher.submit(event('c')), batcher.submit(event('d')), batcher.submit(event('e'))];
    release();
    await Promise.all([...first, ...second]);
    expect(batches).toEqual([['a', 'b'], ['c', 'd', 'e']]);
  });

  it('starts the next batch while the previous one still runs, up to maxRunning', async () => {
    let running = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    const batcher = new EventBatcher(
      async () => {
        most = Math.max(most, ++running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running--;
      },
      async () => undefined,
      100,
      2,
    );
    const submitted: Promise<void>[] = [];
    for (const id of ['a', 'b', 'c']) {
      submitted.push(batcher.submit(event(id)));
      await new Promise((resolve) => setImmediate(resolve));
    }
    // a and b run, each alone; c waits for one of them.
    expect([releases.length, most]).toEqual([2, 2]);
    releases[0]();
    // c starts once a finished: wait for that signal, not for a duration.
    while (releases.length < 3) await new Promise((resolve) => setImmediate(resolve));
    expect(most).toBe(2);
    for (const release of releases) release();
    await Promise.all(submitted);
    expect(most).toBe(2);
  });

  it('caps a batch at maxBatch events', async () => {
    const sizes: number[] = [];
    const batcher = new EventBatcher(async (events) => void sizes.push(events.length), async () => undefined, 2, 1);
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((id) => batcher.submit(event(id))));
    expect(sizes).toEqual([2, 2, 1]);
  });

  it('retries a failed batch event by event: only the bad event fails', async () => {
    const alone: string[] = [];
    const batcher = new EventBatcher(
      async (events) => {
        if (events.some((e) => e.aggregateId === 'bad')) throw new Error('batch failed');
      },
      async (e) => {
        alone.push(e.aggregateId);
        if (e.aggregateId === 'bad') throw new Error('bad event');
      },
      100,
    );
    const results = await Promise.allSettled(['a', 'bad', 'c'].map((id) => batcher.submit(event(id))));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('bad event'));
    expect(alone.sort()).toEqual(['a', 'bad', 'c']);
  });

  it('rejects a batch of one with the batch error, without calling it again alone', async () => {
    let alone = 0;
    const batcher = new EventBatcher(() => Promise.reject(new Error('down')), async () => void alone++, 100);
    await expect(batcher.submit(event('a'))).rejects.toThrow('down');
    expect(alone).toBe(0);
  });
});
