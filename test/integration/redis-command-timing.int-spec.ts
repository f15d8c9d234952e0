import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisCommandStats } from '../../src/platform/monitoring/index.js';
import { SlowCommandLog } from '../../src/platform/monitoring/redis/slow-command-log.js';
import { createRedisConnection, deleteByPrefix, nameConnectionRole, observeRedisCommands, redisOptions, type RedisCommandObserver, trackedConnections } from '../../src/platform/redis/index.js';
import { freePort } from '../support/free-port.js';
import { testKeyPrefix } from '../support/test-database.js';
import { connectionReady } from '../support/wait-for.js';

const REDIS = { url: 'redis://127.0.0.1:6379/0', connectTimeoutMs: 2000, commandTimeoutMs: 2000 };

interface Settled {
  name: string;
  role: string;
  durationMs: number;
  failed: boolean;
  blocking: boolean;
}

/** Busy-waits inside Redis for about `ARGV[1]` ms: a command that is slow on the server. */
const BUSY = "local t0 = redis.call('TIME') local start = t0[1] * 1000000 + t0[2] repeat local t = redis.call('TIME') until (t[1] * 1000000 + t[2]) - start >= tonumber(ARGV[1]) * 1000 return 1";

/** The redis platform's timing hook on real connections: every command, per connection role, blocking ones told apart, never a value. */
describe('Redis command timing', () => {
  const prefix = testKeyPrefix('timing');
  const tag = randomBytes(3).toString('hex');
  const settings = { ...REDIS, keyPrefix: prefix };
  const seen: Settled[] = [];
  const observer: RedisCommandObserver = { commandSettled: (name, role, durationMs, failed, blocking) => seen.push({ name, role, durationMs, failed, blocking }) };
  const clients: Redis[] = [];
  let stop: () => void;
  let shared: Redis;
  let blocking: Redis;

  const connect = async (client: Redis) => {
    clients.push(client);
    await connectionReady(client);
    return client;
  };
  const of = (role: string, name?: string) => seen.filter((s) => s.role === role && (name === undefined || s.name === name));

  beforeAll(async () => {
    stop = observeRedisCommands(observer);
    shared = await connect(createRedisConnection(settings, 'shared', `hotpath-timing-${tag}`));
    blocking = await connect(createRedisConnection(settings, 'blocking', `hotpath-timing-blocking-${tag}`));
  });
  beforeEach(() => {
    seen.length = 0;
  });
  afterAll(async () => {
    stop();
    await deleteByPrefix(shared, prefix);
    for (const client of clients) client.disconnect();
  });

  it('times each command of an auto-pipelined burst, by name and role, never its handshake', async () => {
    await Promise.all(Array.from({ length: 50 }, (_, i) => shared.set(`${prefix}:k${i}`, 'secret-value')));
    await Promise.all(Array.from({ length: 50 }, (_, i) => shared.get(`${prefix}:k${i}`)));
    expect(of('shared', 'set')).toHaveLength(50);
    expect(of('shared', 'get')).toHaveLength(50);
    expect(seen.every((s) => s.durationMs > 0 && !s.failed && !s.blocking)).toBe(true);
    expect(JSON.stringify(seen)).not.toContain('secret');
    // A new connection's AUTH/HELLO/CLIENT SETINFO/INFO happen before it is ready: not Hotpath's commands.
    seen.length = 0;
    const fresh = await connect(createRedisConnection(settings, 'shared', `hotpath-timing-fresh-${tag}`));
    await fresh.ping();
    expect(seen.map((s) => s.name)).toEqual(['ping']);
  });

  it('counts error replies as failures, but not NOSCRIPT, a step of sending a script by its hash', async () => {
    await shared.set(`${prefix}:text`, 'abc');
    await expect(shared.incr(`${prefix}:text`)).rejects.toThrow();
    await expect(shared.evalsha('0000000000000000000000000000000000000000', 0)).rejects.toThrow('NOSCRIPT');
    expect(of('shared', 'incr')).toEqual([expect.objectContaining({ failed: true })]);
    expect(of('shared', 'evalsha')).toEqual([expect.objectContaining({ failed: false })]);
    seen.length = 0;
    shared.defineCommand(`timingEcho${tag}`, { numberOfKeys: 0, lua: `return ARGV[1] -- ${tag}` });
    const echo = (value: string) => (shared as unknown as Record<string, (v: string) => Promise<string>>)[`timingEcho${tag}`](value);
    expect(await echo('one')).toBe('one');
    expect(await echo('two')).toBe('two');
    // ioredis sends a script's text on a connection the first time, then its hash: each timed under the name it went out with.
    expect(seen.map((s) => [s.name, s.failed])).toEqual([
      ['eval', false],
      ['evalsha', false],
    ]);
  });

  it('tells blocking commands apart: XREADGROUP with BLOCK and BZPOPMIN, not XREADGROUP without', async () => {
    const stream = `${prefix}:stream`;
    await shared.xgroup('CREATE', stream, 'g', '0', 'MKSTREAM');
    seen.length = 0;
    await blocking.xreadgroup('GROUP', 'g', 'c', 'COUNT', 1, 'BLOCK', 30, 'STREAMS', stream, '>');
    await blocking.xreadgroup('GROUP', 'g', 'c', 'COUNT', 1, 'STREAMS', stream, '0');
    await blocking.bzpopmin(`${prefix}:zset`, 0.03);
    expect(of('blocking').map((s) => [s.name, s.blocking])).toEqual([
      ['xreadgroup', true],
      ['xreadgroup', false],
      ['bzpopmin', true],
    ]);
    expect(of('blocking', 'bzpopmin')[0].durationMs).toBeGreaterThanOrEqual(25);
  });

  it("names the role of connections a library makes from the platform's options, exactly or by name prefix", async () => {
    nameConnectionRole(`hotpath-timing-lib-${tag}:`, 'jobs', 'prefix');
    const library = await connect(new Redis(REDIS.url, redisOptions(settings, 'jobs', `hotpath-timing-jobs-${tag}`)));
    const named = await connect(new Redis(REDIS.url, { connectionName: `hotpath-timing-lib-${tag}:queue` }));
    const stranger = await connect(new Redis(REDIS.url));
    await Promise.all([library.ping(), named.ping(), stranger.ping()]);
    expect(seen.map((s) => s.role).sort()).toEqual(['jobs', 'jobs', 'other']);
    const tracked = trackedConnections().filter((c) => c.name.endsWith(tag) || c.name.includes(`-${tag}:`));
    expect(tracked.map((c) => [c.name, c.role])).toEqual(
      expect.arrayContaining([
        [`hotpath-timing-${tag}`, 'shared'],
        [`hotpath-timing-blocking-${tag}`, 'blocking'],
        [`hotpath-timing-jobs-${tag}`, 'jobs'],
        [`hotpath-timing-lib-${tag}:queue`, 'jobs'],
      ]),
    );
  });

  it('counts a command refused at once while Redis is away as failed', async () => {
    const away = createRedisConnection({ ...settings, url: `redis://127.0.0.1:${await freePort()}/0`, connectTimeoutMs: 100 }, 'shared', `hotpath-timing-away-${tag}`);
    clients.push(away);
    away.on('error', () => undefined);
    await expect(away.get('k')).rejects.toThrow();
    expect(of('shared', 'get')).toEqual([expect.objectContaining({ failed: true })]);
  });

  it('feeds the monitor: a command slow on the server is counted and logged by name, a long blocking wait is not', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const stats = new RedisCommandStats(10, Date.now, new SlowCommandLog(10, Date.now));
    const stopStats = observeRedisCommands(stats);
    try {
      await shared.eval(BUSY, 0, 15);
      await blocking.bzpopmin(`${prefix}:empty`, 0.05);
      const figures = new Map(stats.recent.figures().map((f) => [`${f.role} ${f.command}`, f]));
      expect(figures.get('shared eval')).toMatchObject({ count: 1, slow: 1 });
      expect(figures.get('blocking bzpopmin')).toMatchObject({ count: 1, slow: 0, blocking: 1, p95Ms: null });
      const logged = warn.mock.calls.map(([entry]) => entry as { msg: string; command: string; role: string }).filter((entry) => entry.msg === 'slow redis command');
      expect(logged).toEqual([expect.objectContaining({ msg: 'slow redis command', command: 'eval', role: 'shared', count: 1 })]);
      expect(JSON.stringify(logged)).not.toContain('redis.call');
    } finally {
      stopStats();
      warn.mockRestore();
    }
  });
});
