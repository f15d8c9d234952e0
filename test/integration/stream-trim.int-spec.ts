import { Redis } from 'ioredis';
import { deleteByPrefix } from '../../src/platform/redis/index.js';
import { trimEventStreams, trimStream } from '../../src/platform/events/index.js';
import { testKeyPrefix } from '../support/test-database.js';

/** Trimming keeps every entry some consumer group still needs: pending (unacked) or not yet delivered. */
describe('event stream trimming', () => {
  const redis = new Redis('redis://127.0.0.1:6379/0');
  const prefix = testKeyPrefix('trim');
  const stream = (name: string) => `${prefix}:events:{${name}}`;

  afterAll(async () => {
    await deleteByPrefix(redis, prefix);
    redis.disconnect();
  });

  async function fill(key: string, n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 1; i <= n; i++) ids.push((await redis.xadd(key, `${i}-1`, 'n', String(i))) as string);
    return ids;
  }
  const remaining = async (key: string) => (await redis.xrange(key, '-', '+')).map(([id]) => id);
  /** Reads `count` new entries as `consumer` of `group`; acks the first `ack` of them. */
  async function consume(key: string, group: string, count: number, ack: number): Promise<void> {
    const read = (await redis.xreadgroup('GROUP', group, 'c1', 'COUNT', count, 'STREAMS', key, '>')) as [string, [string, string[]][]][];
    const ids = read[0][1].map(([id]) => id);
    if (ack > 0) await redis.xack(key, group, ...ids.slice(0, ack));
  }

  it('keeps the oldest unacknowledged entry of any group and everything after it', async () => {
    const key = stream('contract.0');
    const ids = await fill(key, 10);
    await redis.xgroup('CREATE', key, 'projections', '0');
    await redis.xgroup('CREATE', key, 'invalidation', '0');
    await consume(key, 'projections', 8, 8); // acked 1..8
    await consume(key, 'invalidation', 6, 3); // acked 1..3, pending 4..6, 7..10 undelivered

    expect(await trimStream(redis, key)).toEqual({ stream: key, trimmed: 3, minId: ids[3] });
    expect(await remaining(key)).toEqual(ids.slice(3));
    const pending = (await redis.xpending(key, 'invalidation', '-', '+', 10)) as [string][];
    expect(pending.map(([id]) => id)).toEqual(ids.slice(3, 6));
  });

  it('keeps undelivered entries: with nothing pending, trims only up to the last delivered one', async () => {
    const key = stream('contract.1');
    const ids = await fill(key, 5);
    await redis.xgroup('CREATE', key, 'fast', '0');
    await redis.xgroup('CREATE', key, 'slow', '0');
    await consume(key, 'fast', 5, 5);
    await consume(key, 'slow', 2, 2);
    await trimStream(redis, key);
    // The last delivered entry itself is kept (harmless): the slow group's next read gets ids[2] onwards.
    expect(await remaining(key)).toEqual(ids.slice(1));
  });

  it('trims nothing while a group has read nothing, and leaves streams without groups alone', async () => {
    const unread = stream('supplier.0');
    await fill(unread, 4);
    await redis.xgroup('CREATE', unread, 'late', '0');
    const lonely = stream('supplier.1');
    await fill(lonely, 4);

    const results = await trimEventStreams(redis, prefix);
    expect(results.find((r) => r.stream === unread)).toEqual({ stream: unread, trimmed: 0, minId: '0-0' });
    expect(results.find((r) => r.stream === lonely)).toEqual({ stream: lonely, trimmed: 0, minId: null });
    expect(await redis.xlen(unread)).toBe(4);
    expect(await redis.xlen(lonely)).toBe(4);
  });

  it('finds every event stream of the prefix by SCAN and trims each', async () => {
    const names = (await trimEventStreams(redis, prefix)).map((r) => r.stream);
    expect(names).toEqual([stream('contract.0'), stream('contract.1'), stream('supplier.0'), stream('supplier.1')]);
  });
});
