import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { closeRedis } from '../../redis/index.js';
import type { BusMessage, CacheBus } from './cache-bus.js';

/**
 * Redis pub/sub between instances. Messages missed while disconnected cannot be replayed, so
 * on every reconnect the subscriber is told to forget what it believed about tag versions.
 * The bus subscribes again itself on each reconnect (its connection has ioredis's
 * `autoResubscribe` off: ioredis leaves the outcome of its own re-subscription unhandled, so a
 * connection closed before the reply ended in an unhandled rejection).
 */
export class RedisCacheBus implements CacheBus {
  private readonly logger = new Logger('CacheBus');

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    readonly channel: string,
  ) {}

  async publish(message: BusMessage): Promise<void> {
    await this.publisher.publish(this.channel, JSON.stringify(message));
  }

  async subscribe(handler: (message: BusMessage) => void, onReconnect: () => void): Promise<void> {
    let connectedOnce = false;
    this.subscriber.on('ready', () => {
      if (connectedOnce) {
        onReconnect();
        // A connection lost again before the reply subscribes on its next 'ready'.
        this.subscriber.subscribe(this.channel).catch((error: unknown) => {
          if (this.subscriber.status === 'ready') this.logger.warn({ msg: 'cache bus could not subscribe again; other instances\' invalidations are not heard', error: String(error) });
        });
      }
      connectedOnce = true;
    });
    this.subscriber.on('message', (channel: string, text: string) => {
      if (channel !== this.channel) return;
      try {
        handler(JSON.parse(text) as BusMessage);
      } catch {
        // A malformed message from a foreign publisher is ignored.
      }
    });
    await this.subscriber.subscribe(this.channel);
    connectedOnce = true;
  }

  async close(): Promise<void> {
    await closeRedis(this.subscriber);
  }
}
