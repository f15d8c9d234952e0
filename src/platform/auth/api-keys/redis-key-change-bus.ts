import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { closeRedis } from '../../redis/index.js';
import { isApiKeyId } from './api-key-token.js';
import type { KeyChange, KeyChangeBus } from './key-change-bus.js';

/**
 * Key changes over Redis pub/sub. The subscriber subscribes again itself on every reconnect
 * (its connection has ioredis's `autoResubscribe` off, as the cache bus's) and is told to
 * forget what it cached, since messages sent meanwhile are lost.
 */
export class RedisKeyChangeBus implements KeyChangeBus {
  private readonly logger = new Logger('ApiKeyChanges');

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis | undefined,
    private readonly channel: string,
  ) {}

  async publish(change: KeyChange): Promise<void> {
    await this.publisher.publish(this.channel, JSON.stringify(change));
  }

  async subscribe(handler: (change: KeyChange) => void, onReconnect: () => void): Promise<void> {
    const subscriber = this.subscriber;
    if (!subscriber) throw new Error('RedisKeyChangeBus: no subscriber connection (publish only)');
    let connectedOnce = false;
    subscriber.on('ready', () => {
      if (connectedOnce) {
        onReconnect();
        subscriber.subscribe(this.channel).catch((error: unknown) => {
          if (subscriber.status === 'ready') this.logger.warn({ msg: 'could not subscribe to API key changes again; revocations rely on the key cache TTL', error: String(error) });
        });
      }
      connectedOnce = true;
    });
    subscriber.on('message', (channel: string, text: string) => {
      if (channel !== this.channel) return;
      const change = parseChange(text);
      if (change) handler(change);
    });
    await subscriber.subscribe(this.channel);
    connectedOnce = true;
  }

  async close(): Promise<void> {
    if (this.subscriber) await closeRedis(this.subscriber);
  }
}

function parseChange(text: string): KeyChange | undefined {
  try {
    const { id, change } = JSON.parse(text) as Partial<KeyChange>;
    return typeof id === 'string' && isApiKeyId(id) && (change === 'created' || change === 'revoked') ? { id, change } : undefined;
  } catch {
    return undefined;
  }
}
