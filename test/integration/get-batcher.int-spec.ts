import { jest } from '@jest/globals';
import type { Command } from 'ioredis';
import { createRedisConnection, deleteByPrefix } from '../../src/platform/redis/index.js';
import { GetBatcher } from '../../src/platform/cache/stores/get-batcher.js';
import { testKeyPrefix } from '../support/test-database.js';
import { connectionReady } from '../support/wait-for.js';

const tickEnd = () => new Promise<void>((resolve) => process.nextTick(resolve));

/** How L2 reads leave for the real Redis: what is sent, and when. */
describe('GetBatcher', () => {
  const prefix = testKeyPrefix('batcher');
  const redis = createRedisConnection({ url: 'redis://127.0.0.1:6379/0', connectTimeoutMs: 2000, commandTimeoutMs: 2000, keyPrefix: `${prefix}:` }, 'shared');
  const sent: { name: string; args: unknown[] }[] = [];
  let batcher: GetBatcher;

  beforeAll(async () => {
    await connectionReady(redis);
    for (let i = 0; i < 10; i++) await redis.set(`k${i}`, `value ${i}`);
    const send = redis.sendCommand.bind(redis);
    jest.spyOn(redis, 'sendCommand').mockImplementation((command: Command) => {
      sent.push({ name: command.name, args: command.args });
      return send(command);
    });
    batcher = new GetBatcher(redis);
  });
  beforeEach(() => (sent.length = 0));
  afterAll(async () => {
    jest.restoreAllMocks();
    await deleteByPrefix(redis, prefix);
    redis.disconnect();
  });

  it('sends a lone read when the current tick ends, without waiting for the event loop', async () => {
    const read = batcher.get('k1');
    expect(sent).toEqual([]);
    await tickEnd();
    expect(sent).toEqual([{ name: 'get', args: ['k1'] }]);
    expect(await read).toBe('value 1');
  });

  it('gathers reads made in one tick into one MGET, missing keys as undefined', async () => {
    const reads = ['k2', 'absent', 'k3'].map((key) => batcher.get(key));
    await tickEnd();
    expect(sent).toEqual([{ name: 'mget', args: ['k2', 'absent', 'k3'] }]);
    expect(await Promise.all(reads)).toEqual(['value 2', undefined, 'value 3']);
  });

  it('while a read is in flight, gathers the reads of many ticks until the poll phase ends', async () => {
    const first = batcher.get('k0');
    await tickEnd();
    expect(sent.map((c) => c.name)).toEqual(['get']);
    // Requests arriving one after the other, each in its own tick, as a loaded server sees them.
    const later: Promise<string | undefined>[] = [];
    for (let i = 4; i < 10; i++) {
      later.push(batcher.get(`k${i}`));
      await tickEnd();
    }
    expect(sent).toHaveLength(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent.map((c) => c.name)).toEqual(['get', 'mget']);
    expect(sent[1]?.args).toHaveLength(6);
    expect(await first).toBe('value 0');
    expect(await Promise.all(later)).toEqual(['value 4', 'value 5', 'value 6', 'value 7', 'value 8', 'value 9']);

    // Everything answered: a lone read goes at the end of its tick again.
    sent.length = 0;
    const lone = batcher.get('k1');
    await tickEnd();
    expect(sent.map((c) => c.name)).toEqual(['get']);
    expect(await lone).toBe('value 1');
  });
});
