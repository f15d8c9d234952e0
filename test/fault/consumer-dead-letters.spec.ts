import { Injectable, type LoggerService } from '@nestjs/common';
import { Redis } from 'ioredis';
import { deadLetterStream, EventConsumer, type EventEnvelope, shardStreams } from '../../src/platform/events/index.js';
import { aggregatesOnDistinctShards, anEvent, publish, type RunningConsumers, startConsumers } from '../support/events.js';
import { PrivateRedis } from '../support/private-redis.js';
import { testKeyPrefix } from '../support/test-database.js';
import { waitFor } from '../support/wait-for.js';

const SHARDS = 4;

/** Collects what the app logs, to count warnings. */
class Recorder implements LoggerService {
  readonly lines: string[] = [];
  log(message: unknown) { this.lines.push(JSON.stringify(message)); }
  warn(message: unknown) { this.lines.push(JSON.stringify(message)); }
  error(message: unknown) { this.lines.push(JSON.stringify(message)); }
}

/** A handler that always throws lands its event in dead letters after N deliveries while the rest flows; a Redis restart does not stop the loop. */
describe('event consumer with a poison event, then a Redis restart', () => {
  let server: PrivateRedis;
  let redis: Redis;
  let running: RunningConsumers | undefined;
  const prefix = testKeyPrefix('consumer-dead-letters');
  const logs = new Recorder();

  beforeAll(async () => {
    server = await PrivateRedis.start();
    redis = new Redis(server.url, { maxRetriesPerRequest: null });
  });
  afterAll(async () => {
    await running?.close();
    redis.disconnect();
    await server.stop();
  });

  it('dead-letters the poison event after maxDeliveries, handles all others, and keeps consuming across a Redis restart', async () => {
    const [poisoned, ...others] = aggregatesOnDistinctShards(prefix, SHARDS, SHARDS);
    const handled: EventEnvelope[] = [];
    let poisonTries = 0;
    @EventConsumer({ group: 'fault-dl', aggregateTypes: ['contract'], maxDeliveries: 4 })
    @Injectable()
    class Projection {
      async handle(event: EventEnvelope): Promise<void> {
        if (event.type === 'contract.poison') {
          poisonTries++;
          throw new Error('poison: cannot be applied');
        }
        handled.push(event);
      }
    }
    running = await startConsumers(
      { REDIS_URL: server.url, REDIS_KEY_PREFIX: prefix, EVENTS_STREAM_SHARDS: String(SHARDS), EVENTS_CONSUMER_BLOCK_MS: '200', EVENTS_RETRY_BASE_MS: '100', EVENTS_RECLAIM_INTERVAL_MS: '200', EVENTS_HANDLER_TIMEOUT_MS: '1000' },
      [Projection],
      logs,
    );
    const poison = anEvent(poisoned, 1, 'contract.poison');
    const flowing = others.flatMap((id) => Array.from({ length: 30 }, (_, v) => anEvent(id, v + 1)));
    await publish(redis, prefix, SHARDS, [poison, anEvent(poisoned, 2), ...flowing]);

    // The other shards finish while the poison's shard is still retrying (100 + 200 + 400 ms of backoff).
    await waitFor(() => handled.filter((e) => e.aggregateId !== poisoned).length === flowing.length, 5000);
    expect(running.service.stats()[0].deadLettered).toBe(0);
    await waitFor(() => running!.service.stats()[0].deadLettered === 1, 5000);
    await waitFor(() => handled.some((e) => e.aggregateId === poisoned));
    expect(poisonTries).toBe(4);
    const [[, fields]] = await redis.xrange(deadLetterStream(prefix), '-', '+');
    expect(fields).toEqual(expect.arrayContaining(['group', 'fault-dl', 'eventId', poison.eventId, 'deliveries', '4', 'error', 'poison: cannot be applied']));
    const pending = async () => {
      let total = 0;
      for (const stream of shardStreams(prefix, 'contract', SHARDS)) total += Number(((await redis.xpending(stream, 'fault-dl')) as [number])[0]);
      return total;
    };
    await waitFor(async () => (await pending()) === 0);
    expect(running.service.stats()[0]).toMatchObject({ handled: flowing.length + 1, retried: 3, deadLettered: 1 });

    // Redis dies and comes back empty (no persistence here): streams and groups are gone.
    await server.stop();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await server.start();
    const later = others.map((id) => anEvent(id, 31));
    await publish(redis, prefix, SHARDS, later);
    await waitFor(() => later.every((e) => handled.some((h) => h.eventId === e.eventId)), 15_000, 50);
    const outageWarnings = logs.lines.filter((line) => line.includes('event consumer cannot reach Redis'));
    expect(outageWarnings).toHaveLength(1);
    expect(logs.lines.filter((line) => line.includes('event consumer reading again'))).toHaveLength(1);
  }, 60_000);
});
