import { type Command, Redis } from 'ioredis';

/**
 * Told of every command an ioredis client of this process sends once it settles: its name in
 * lower case (never its arguments), the role of the connection that sent it, the time from
 * being handed to the client to its reply (an offline wait included), whether it failed, and
 * whether it blocks by design (BZPOPMIN, XREADGROUP ... BLOCK: its time is a wait, not Redis's
 * speed). Runs on the hot path: it must be cheap and must not throw.
 */
export interface RedisCommandObserver {
  commandSettled(name: string, role: string, durationMs: number, failed: boolean, blocking: boolean): void;
}

/** One connection of this process as the timing hook knows it. */
export interface TrackedConnection {
  readonly client: Redis;
  readonly role: string;
  readonly name: string;
  sent: number;
  failed: number;
  reconnects: number;
}

const TIMED = Symbol('hotpath:redis:timed');
const TRACKED = Symbol('hotpath:redis:tracked');
const INSTALLED = Symbol.for('hotpath.redis.commandTiming');

type TimedCommand = Command & { [TIMED]?: true };
type TrackedClient = Redis & { [TRACKED]?: TrackedConnection };

/** Commands whose reply waits for data by design; XREAD and XREADGROUP only with BLOCK. */
const BLOCKING = new Set(['blpop', 'brpop', 'brpoplpush', 'blmove', 'blmpop', 'bzpopmin', 'bzpopmax', 'bzmpop', 'wait', 'waitaof']);
const BLOCK_OPTION = new Set(['xread', 'xreadgroup']);

const observers: RedisCommandObserver[] = [];
const connections = new Set<TrackedConnection>();
const rolesByName = new Map<string, string>();
const rolesByNamePrefix: [prefix: string, role: string][] = [];
const lowerNames = new Map<string, string>();

/**
 * Clients named `name` (their `connectionName`), or whose name starts with it with `prefix`,
 * count as `role`, including those a library makes from the options or names itself.
 */
export function nameConnectionRole(name: string, role: string, match: 'exact' | 'prefix' = 'exact'): void {
  if (match === 'exact') rolesByName.set(name, role);
  else if (!rolesByNamePrefix.some(([known]) => known === name)) rolesByNamePrefix.push([name, role]);
}

function roleOf(name: string): string {
  return rolesByName.get(name) ?? rolesByNamePrefix.find(([prefix]) => name.startsWith(prefix))?.[1] ?? 'other';
}

/** Starts telling `observer` of every command; returns the function that stops it. */
export function observeRedisCommands(observer: RedisCommandObserver): () => void {
  installCommandTiming();
  observers.push(observer);
  return () => {
    const at = observers.indexOf(observer);
    if (at >= 0) observers.splice(at, 1);
  };
}

/** The live connections of this process: made here, or seen sending a command. */
export function trackedConnections(): TrackedConnection[] {
  return [...connections];
}

/** Registers `client` under `role` (done by `createRedisConnection`; others are registered at their first command). */
export function trackConnection(client: Redis, role?: string): TrackedConnection {
  const known = (client as TrackedClient)[TRACKED];
  if (known) return known;
  const name = client.options.connectionName ?? '';
  const tracked: TrackedConnection = { client, role: role ?? roleOf(name), name, sent: 0, failed: 0, reconnects: 0 };
  (client as TrackedClient)[TRACKED] = tracked;
  connections.add(tracked);
  client.on('reconnecting', () => tracked.reconnects++);
  client.once('end', () => connections.delete(tracked));
  return tracked;
}

function lowerName(name: string): string {
  let lower = lowerNames.get(name);
  if (lower === undefined) {
    lower = name.toLowerCase();
    lowerNames.set(name, lower);
  }
  return lower;
}

function blocks(name: string, args: readonly unknown[]): boolean {
  if (BLOCKING.has(name)) return true;
  if (!BLOCK_OPTION.has(name)) return false;
  for (const arg of args) if (arg === 'BLOCK' || arg === 'block') return true;
  return false;
}

/** NOSCRIPT is a step of ioredis's EVALSHA-then-EVAL protocol, not a failure anyone sees. */
function counts(error: unknown): boolean {
  return !(error instanceof Error && error.message.startsWith('NOSCRIPT'));
}

/** The name is read at settlement: a script command is renamed EVAL or EVALSHA as it is written. */
function settle(tracked: TrackedConnection, command: Command, started: number, failed: boolean): void {
  const durationMs = performance.now() - started;
  const name = lowerName(command.name);
  const blocking = blocks(name, command.args);
  if (failed) tracked.failed++;
  for (let i = 0; i < observers.length; i++) observers[i].commandSettled(name, tracked.role, durationMs, failed, blocking);
}

/**
 * Wraps `sendCommand` of every ioredis client of the process, BullMQ's included (they share
 * this ioredis), once. With no observer it costs one array length check per command. A
 * command passes through `sendCommand` again when an offline queue is flushed: it is timed
 * from its first pass only, its offline wait included; one refused at once (a shared connection
 * while Redis is away) counts as failed. Its settlement is read off its promise: replacing the
 * command's own resolve and reject instead cost more CPU over a real connection (bench/RESULTS.md).
 */
export function installCommandTiming(): void {
  const proto = Redis.prototype as Redis & { [INSTALLED]?: true };
  if (proto[INSTALLED]) return;
  const send = proto.sendCommand;
  proto.sendCommand = function (this: TrackedClient, command: TimedCommand, stream?: unknown): unknown {
    // While a connection is `connect`ing, only its handshake passes (AUTH, HELLO, CLIENT SETINFO, the ready check's INFO): not Hotpath's commands, which wait and pass again.
    if (observers.length === 0 || command[TIMED] || this.status === 'connect') return send.call(this, command, stream as never);
    command[TIMED] = true;
    const tracked = this[TRACKED] ?? trackConnection(this);
    tracked.sent++;
    const started = performance.now();
    const sent = send.call(this, command, stream as never);
    command.promise.then(
      () => settle(tracked, command, started, false),
      (error: unknown) => settle(tracked, command, started, counts(error)),
    );
    return sent;
  };
  proto[INSTALLED] = true;
}
