import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RedisServerReader } from '../../src/platform/monitoring/redis/redis-server.reader.js';
import { createRedisConnection } from '../../src/platform/redis/index.js';
import { connectionReady } from '../support/wait-for.js';

const REDIS = { url: 'redis://127.0.0.1:6379/0', keyPrefix: 'unused', connectTimeoutMs: 2000, commandTimeoutMs: 2000 };
/** Busy-waits inside Redis for about `ARGV[1]` ms; the script text carries no secret worth hiding, but the argument stands for one. */
const BUSY = "local t0 = redis.call('TIME') local start = t0[1] * 1000000 + t0[2] repeat local t = redis.call('TIME') until (t[1] * 1000000 + t[2]) - start >= tonumber(ARGV[1]) * 1000 return 1";

/** INFO, SLOWLOG and CLIENT LIST of the real server, read over a shared connection. */
describe('RedisServerReader', () => {
  const name = `hotpath-reader-${randomBytes(3).toString('hex')}`;
  let redis: Redis;
  let reader: RedisServerReader;

  beforeAll(async () => {
    redis = createRedisConnection(REDIS, 'shared', name);
    await connectionReady(redis);
    reader = new RedisServerReader(redis, Date.now);
  });
  afterAll(() => redis.disconnect());

  it('reads the server: version, clients against maxclients, memory and its policy, keyspace hits, costliest commands', async () => {
    const figures = await reader.read();
    expect(figures.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(figures.clients.connected).toBeGreaterThanOrEqual(1);
    expect(figures.clients.max).toBeGreaterThan(0);
    expect(figures.clients.use).toBeCloseTo((figures.clients.connected as number) / (figures.clients.max as number));
    expect(figures.memory.usedBytes).toBeGreaterThan(0);
    expect(figures.memory.limitBytes).toBeGreaterThan(0);
    expect(figures.memory.policy).toMatch(/^(noeviction|allkeys-|volatile-)/);
    expect(figures.stats.keyspaceHits).toEqual(expect.any(Number));
    expect(figures.topCommands.length).toBeGreaterThan(0);
    expect(figures.topCommands[0]).toEqual({ command: expect.any(String), calls: expect.any(Number), usec: expect.any(Number), usecPerCall: expect.any(Number), failedCalls: expect.any(Number), rejectedCalls: expect.any(Number) });
    expect(reader.latest).toBe(figures);
  });

  it('reads SLOWLOG incrementally: entries logged since the previous read, by command name and client, never arguments', async () => {
    const threshold = Number(((await redis.call('CONFIG', 'GET', 'slowlog-log-slower-than')) as string[])[1]);
    await reader.read();
    // Slower than the server's SLOWLOG threshold (10 ms by default).
    await redis.eval(BUSY, 0, String(Math.max(15, threshold / 1000 + 5)));
    const after = await reader.read();
    const ours = after.slowlog.recent.filter((entry) => entry.client === name);
    expect(after.slowlog.available).toBe(true);
    expect(after.slowlog.newEntries).toBeGreaterThanOrEqual(1);
    expect(ours).toEqual([{ id: expect.any(Number), at: expect.any(String), durationMs: expect.any(Number), command: 'eval', client: name }]);
    expect(ours[0].durationMs).toBeGreaterThanOrEqual(15);
    expect(reader.slowlog.arrivedWithin(60_000)).toBeGreaterThanOrEqual(1);
    // Read again: the entry is not new any more.
    const again = await reader.read();
    expect(again.slowlog.recent.filter((entry) => entry.client === name)).toHaveLength(1);
  });

  it('lists the clients of the server, this connection among them by its name', async () => {
    const clients = await reader.clients();
    expect(clients).toEqual(expect.arrayContaining([expect.objectContaining({ name, blocked: false, command: expect.stringMatching(/^client/) })]));
  });
});
