import { Redis } from 'ioredis';
import { closeHandler } from 'ioredis/built/redis/event_handler.js';

const INSTALLED = Symbol.for('hotpath.redis.disconnectWhileReconnecting');

/**
 * Makes `disconnect()` end a client that is waiting to reconnect.
 *
 * ioredis clears the reconnect timer in that state, but no socket is left to emit `close`.
 * The client then stays `reconnecting` for ever: no `end` event, and queued commands never
 * settle (redis/ioredis#1247 and #1830, fix proposed in #2169). BullMQ's `Worker.close()`
 * disconnects its blocking connection and waits for `end`, so a worker whose connection was
 * between retries when shutdown began never closed (seen after a Redis restart).
 *
 * The fix runs the close handler that ioredis itself runs when a client that never connected is
 * disconnected: the status becomes `end`, `end` is emitted, and queued commands fail with
 * "Connection is closed". Installed once per process; every ioredis client, BullMQ's included,
 * gets it.
 */
export function installDisconnectFix(): void {
  const proto = Redis.prototype as Redis & { [INSTALLED]?: true };
  if (proto[INSTALLED]) return;
  const disconnect = proto.disconnect;
  proto.disconnect = function (this: Redis, reconnect = false): void {
    const waiting = !reconnect && this.status === 'reconnecting';
    disconnect.call(this, reconnect);
    if (waiting && this.status === 'reconnecting') closeHandler(this)();
  };
  proto[INSTALLED] = true;
}
