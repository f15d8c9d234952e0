import { setTimeout as delay } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { createRedisConnection } from '../../src/platform/redis/index.js';
import { RedisCacheBus } from '../../src/platform/cache/stores/redis-cache-bus.js';
import type { BusMessage } from '../../src/platform/cache/stores/cache-bus.js';
import { PrivateRedis } from '../support/private-redis.js';
import { waitFor } from '../support/wait-for.js';

/**
 * The cache bus's subscriber after a Redis restart. ioredis re-subscribes by itself on
 * reconnect without handling the reply, so a connection closed while that SUBSCRIBE was in
 * flight ended in an unhandled "Connection is closed." rejection (seen in the outage test at
 * shutdown). The bus now re-subscribes itself, and handles the outcome.
 */
describe('cache bus subscriber across a Redis restart', () => {
  let server: PrivateRedis;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    server = await PrivateRedis.start();
    process.on('unhandledRejection', onUnhandled);
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await server.stop();
  });

  const settings = () => ({ url: server.url, keyPrefix: 'bus-test', connectTimeoutMs: 1000, commandTimeoutMs: 1000 });
  const channel = 'bus-test:cache:bus';

  async function restartedBus(onReady: (subscriber: Redis) => void) {
    const publisher = createRedisConnection(settings(), 'shared', 'bus-test-publisher');
    const subscriber = createRedisConnection(settings(), 'subscriber', 'bus-test-subscriber');
    const bus = new RedisCacheBus(publisher, subscriber, channel);
    const received: BusMessage[] = [];
    let reconnects = 0;
    await bus.subscribe((message) => received.push(message), () => reconnects++);
    await server.stop();
    await waitFor(() => subscriber.status === 'reconnecting');
    subscriber.once('ready', () => onReady(subscriber));
    await server.start();
    return { publisher, subscriber, bus, received, reconnects: () => reconnects };
  }

  it('hears messages again after the restart and tells the cache to forget what it knew', async () => {
    const { publisher, bus, received, reconnects } = await restartedBus(() => undefined);
    await waitFor(() => reconnects() === 1 && publisher.status === 'ready', 10_000);
    const message: BusMessage = { from: 'other-instance', tags: { 'contract:1': 2 } };
    // The SUBSCRIBE after the reconnect may still be on its way: publish until it is heard.
    await waitFor(async () => {
      await publisher.publish(channel, JSON.stringify(message));
      return received.length > 0;
    }, 10_000);
    expect(received[0]).toEqual(message);
    await bus.close();
    publisher.disconnect();
  });

  it('leaves no unhandled rejection when the connection drops, then closes, while re-subscribing', async () => {
    let dropped: Redis | undefined;
    // On 'ready' the re-subscription has just been written: the connection drops before its reply.
    const { publisher } = await restartedBus((subscriber) => {
      subscriber.stream.destroy();
      dropped = subscriber;
    });
    await waitFor(() => dropped?.status === 'reconnecting', 10_000);
    dropped?.disconnect();
    // A rejection would surface within a few ticks of the close.
    await delay(200);
    publisher.disconnect();
    expect(unhandled.map(String)).toEqual([]);
  });
});
