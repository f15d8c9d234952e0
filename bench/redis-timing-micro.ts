import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Logger } from '@nestjs/common';
import { Redis, type Command } from 'ioredis';
import { RedisCommandStats } from '../src/platform/monitoring/index.js';
import { SlowCommandLog } from '../src/platform/monitoring/redis/slow-command-log.js';
import { createRedisConnection, deleteByPrefix, observeRedisCommands } from '../src/platform/redis/index.js';
import { median } from './lib/stats.js';

/**
 * What the Redis command timing costs per command. In process: ioredis commands (GET, built by
 * ioredis as for real) answered at once by a stub in place of the socket, so only the client's
 * own work is measured: bare, with the timing hook installed and nobody observing (monitoring
 * off), and timed into the monitor's RedisCommandStats. Against Redis: bursts of 100
 * auto-pipelined GETs on a shared connection (the cache's L2 path), timing off and on, where
 * this process's CPU time per command moves less than the rate with the shared server's load.
 */
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const BURST = 100;

/** Commands per second, and this process's CPU time per command, `perTurn` issued at once and awaited together before the next turn. */
async function measure(durationMs: number, perTurn: number, op: () => Promise<unknown>): Promise<{ perSecond: number; cpuNs: number }> {
  let done = 0;
  const batch = new Array<Promise<unknown>>(perTurn);
  const cpu = process.cpuUsage();
  const started = performance.now();
  while (performance.now() - started < durationMs) {
    for (let k = 0; k < perTurn; k++) batch[k] = op();
    await Promise.all(batch);
    done += perTurn;
  }
  const used = process.cpuUsage(cpu);
  return { perSecond: done / ((performance.now() - started) / 1000), cpuNs: ((used.user + used.system) * 1000) / done };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { duration: { type: 'string', default: '1000' }, rounds: { type: 'string', default: '5' } } });
  const ms = Number(values.duration);
  const rounds = Math.max(1, Number(values.rounds));
  // Slow commands are still counted and their (throttled) log calls made; the lines are not printed.
  Logger.overrideLogger(['error']);
  const stats = new RedisCommandStats(10, Date.now, new SlowCommandLog(10, Date.now));

  const answer = (command: Command) => {
    command.resolve(Buffer.from('v'));
    return command.promise;
  };
  // `bare` answers from its own sendCommand, in front of the prototype's (and so of the hook);
  // `hooked` from the prototype's, which the hook wraps once installed.
  const bare = new Redis({ lazyConnect: true, enableOfflineQueue: false });
  (bare as unknown as { sendCommand: typeof answer }).sendCommand = answer;
  const hooked = new Redis({ lazyConnect: true, enableOfflineQueue: false });
  const proto = Redis.prototype as unknown as { sendCommand(command: Command): unknown };
  const ioredisSend = proto.sendCommand;
  proto.sendCommand = function (this: Redis, command: Command) {
    return this === hooked ? answer(command) : ioredisSend.call(this, command);
  };

  const prefix = `hotpath-bench-redis-timing:${process.pid}`;
  const redis = createRedisConnection({ url: REDIS_URL, keyPrefix: prefix, connectTimeoutMs: 2000, commandTimeoutMs: 2000 }, 'shared');
  await new Promise((resolve) => redis.once('ready', resolve));
  await redis.set(`${prefix}:k`, 'x'.repeat(1000));

  // The first observer installs the hook; with none left it only checks that nobody observes.
  observeRedisCommands(stats)();
  let stop: (() => void) | undefined;
  const observe = (on: boolean) => {
    if (on && !stop) stop = observeRedisCommands(stats);
    if (!on && stop) {
      stop();
      stop = undefined;
    }
  };
  const subjects: [name: string, perTurn: number, observed: boolean, op: () => Promise<unknown>][] = [
    ['in process: ioredis GET answered by a stub, no hook', 1000, false, () => bare.get('k')],
    ['in process: the same through the hook, nobody observing (monitoring off)', 1000, false, () => hooked.get('k')],
    ['in process: the same, timed into RedisCommandStats', 1000, true, () => hooked.get('k')],
    [`Redis: bursts of ${BURST} auto-pipelined GETs of 1 kB, nobody observing`, BURST, false, () => redis.get(`${prefix}:k`)],
    [`Redis: bursts of ${BURST} auto-pipelined GETs of 1 kB, timed into RedisCommandStats`, BURST, true, () => redis.get(`${prefix}:k`)],
  ];

  // Every subject is measured once per round, in rotation; each row is its median round.
  const figures: { perSecond: number; cpuNs: number }[][] = subjects.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [i, [, perTurn, observed, op]] of subjects.entries()) {
      observe(observed);
      figures[i].push(await measure(ms, perTurn, op));
    }
  }
  observe(false);

  const rows = subjects.map(([name], i) => {
    const perSecond = median(figures[i].map((f) => f.perSecond));
    return { name, opsPerSec: perSecond, nsPerOp: 1e9 / perSecond, cpuNsPerOp: median(figures[i].map((f) => f.cpuNs)) };
  });
  const date = new Date().toISOString();
  const machine = { nproc: cpus().length, node: process.version, rounds };
  console.log(`redis-timing-micro (${date}, nproc ${machine.nproc}, node ${machine.node}, ${ms} ms per row, median of ${rounds} rounds in rotation; commands timed: ${stats.series().reduce((sum, s) => sum + s.count, 0)})`);
  console.log('| operation | commands/s | ns/command | CPU ns/command |\n|---|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.name} | ${Math.round(r.opsPerSec).toLocaleString('en-US')} | ${Math.round(r.nsPerOp)} | ${Math.round(r.cpuNsPerOp)} |`);
  // Rows measured back to back in each round: their difference drifts less than either.
  const paired = (on: number, off: number) => Math.round(median(figures[on].map((f, round) => f.cpuNs - figures[off][round].cpuNs)));
  const added = { offInProcess: paired(1, 0), timedInProcess: paired(2, 1), timedOverRedis: paired(4, 3) };
  console.log(`CPU ns added per command, median of the rounds' differences: hook with nobody observing ${added.offInProcess}, timed (in process) ${added.timedInProcess}, timed (over Redis) ${added.timedOverRedis}`);
  writeFileSync(join(import.meta.dirname, '../../bench/results/redis-timing-micro.json'), `${JSON.stringify({ scenario: 'redis-timing-micro', date, machine, rows, added }, null, 2)}\n`);
  await deleteByPrefix(redis, prefix);
  redis.disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
