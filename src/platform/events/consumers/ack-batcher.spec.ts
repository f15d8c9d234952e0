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
});
