import { AckBatcher } from './ack-batcher.js';

describe('AckBatcher', () => {
  it('sends the ids added in one tick as one call per stream', async () => {
    const calls: [string, string[]][] = [];
    const batcher = new AckBatcher(async (stream, ids) => void calls.push([stream, ids]));
    batcher.add('a', '1-0');
    batcher.add('b', '1-0');
    batcher.add('a', '2-0');
    await new Promise((resolve) => setImmediate(resolve));
    await batcher.drain();
    expect(calls).toEqual([
      ['a', ['1-0', '2-0']],
      ['b', ['1-0']],
    ]);
  });

  it('drain waits for ids added since the last flush', async () => {
    const sent: string[] = [];
    const batcher = new AckBatcher(async (_stream, ids) => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      sent.push(...ids);
    });
    batcher.add('a', '1-0');
    await batcher.drain();
    expect(sent).toEqual(['1-0']);
  });

  it('sends a batch only after its barrier resolved, and leaves ids added meanwhile to the next batch', async () => {
    const sent: string[][] = [];
    const barriers: (() => void)[] = [];
    const batcher = new AckBatcher(
      async (_stream, ids) => void sent.push(ids),
      () => new Promise<boolean>((resolve) => barriers.push(() => resolve(true))),
    );
    batcher.add('a', '1-0');
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(barriers).toHaveLength(1);
    batcher.add('a', '2-0');
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent).toEqual([]);
    barriers[0]();
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent).toEqual([['1-0']]);
    expect(barriers).toHaveLength(2);
    barriers[1]();
    await batcher.drain();
    expect(sent).toEqual([['1-0'], ['2-0']]);
  });

  it('drops a batch whose barrier answers false (the entries stay pending)', async () => {
    const sent: string[] = [];
    const batcher = new AckBatcher(async (_stream, ids) => void sent.push(...ids), async () => false);
    batcher.add('a', '1-0');
    await batcher.drain();
    expect(sent).toEqual([]);
  });
});
