import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { AppConfig } from '../../src/config/index.js';
import { EventConsumer, type EventEnvelope, streamOf } from '../../src/platform/events/index.js';
import { deleteByPrefix } from '../../src/platform/redis/index.js';
import { anEvent, publish, startConsumers } from '../support/events.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

const SHARDS = 4;

describe('admin dead letters', () => {
  const token = 'test-admin-token-dead-letters-01';
  const auth = { authorization: `Bearer ${token}` };
  const redis = new Redis('redis://127.0.0.1:6379/0');
  let t: TestApp;
  let prefix: string;
  let consumerEnv: Record<string, string>;
  let replayedId = '';
  const events = Array.from({ length: 3 }, (_, i) => anEvent(randomUUID(), 1, `contract.test${i}`));

  beforeAll(async () => {
    t = await startTestApp('dead_letters', { ADMIN_TOKEN: token, EVENTS_STREAM_SHARDS: String(SHARDS) });
    prefix = t.app.get(AppConfig).redis.keyPrefix;
    consumerEnv = { REDIS_KEY_PREFIX: prefix, EVENTS_STREAM_SHARDS: String(SHARDS), EVENTS_CONSUMER_BLOCK_MS: '100', EVENTS_RETRY_BASE_MS: '10' };

    // Real dead letters: a consumer whose handler always fails, one delivery allowed.
    @EventConsumer({ group: 'e2e-projection', aggregateTypes: ['contract'], maxDeliveries: 1 })
    @Injectable()
    class AlwaysFails {
      async handle(event: EventEnvelope): Promise<void> {
        throw new Error(`cannot project ${event.type}`);
      }
    }
    const failing = await startConsumers(consumerEnv, [AlwaysFails]);
    try {
      // One at a time: shards run in parallel, and the list's order is the order they failed in.
      for (const [i, event] of events.entries()) {
        await publish(redis, prefix, SHARDS, [event]);
        await waitFor(() => failing.service.stats()[0].deadLettered === i + 1);
      }
    } finally {
      await failing.close();
    }
  });
  afterAll(async () => {
    await deleteByPrefix(redis, `${prefix}:`);
    redis.disconnect();
    await t.close();
  });

  it('needs the admin token', async () => {
    expect(await t.request('/admin/events/dead-letters')).toMatchObject({ status: 401, body: { statusCode: 401, code: 'AUTH.REQUIRED' } });
    expect(await t.request('/admin/events/dead-letters/1-0/replay', { method: 'POST' })).toMatchObject({ status: 401, body: { code: 'AUTH.REQUIRED' } });
  });

  it('lists dead letters newest first, in pages', async () => {
    const first = await t.request('/admin/events/dead-letters?limit=2', { headers: auth });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ total: 3, next: first.body.items[1].id });
    expect(first.body.items.map((l: { eventId: string }) => l.eventId)).toEqual([events[2].eventId, events[1].eventId]);
    expect(first.body.items[0]).toEqual({
      id: expect.stringMatching(/^\d+-\d+$/),
      group: 'e2e-projection',
      stream: streamOf(prefix, 'contract', events[2].aggregateId, SHARDS),
      entryId: expect.stringMatching(/^\d+-\d+$/),
      eventId: events[2].eventId,
      type: 'contract.test2',
      envelope: JSON.stringify(events[2]),
      error: 'cannot project contract.test2',
      deliveries: 1,
      consumer: expect.any(String),
      failedAt: expect.any(String),
    });
    const second = await t.request(`/admin/events/dead-letters?limit=2&before=${first.body.next}`, { headers: auth });
    expect(second.body).toMatchObject({ total: 3, next: null });
    expect(second.body.items.map((l: { eventId: string }) => l.eventId)).toEqual([events[0].eventId]);
  });

  it('rejects a malformed page cursor with a stable code', async () => {
    expect(await t.request('/admin/events/dead-letters?before=yesterday', { headers: auth })).toMatchObject({ status: 400, body: { statusCode: 400, code: 'REQUEST.INVALID' } });
    expect(await t.request('/admin/events/dead-letters?before=99999999999999999999-0', { headers: auth })).toMatchObject({ status: 400, body: { statusCode: 400, code: 'REQUEST.INVALID' } });
  });

  it('replays a dead letter to its original stream, where its group handles it again, and removes it', async () => {
    const [oldest] = (await t.request('/admin/events/dead-letters?limit=10', { headers: auth })).body.items.slice(-1);
    const replayed = await t.request(`/admin/events/dead-letters/${oldest.id}/replay`, { method: 'POST', headers: auth });
    replayedId = oldest.id;
    expect(replayed).toMatchObject({ status: 200, body: { stream: oldest.stream, entryId: expect.stringMatching(/^\d+-\d+$/) } });
    const [[, fields]] = await redis.xrange(oldest.stream, replayed.body.entryId, replayed.body.entryId);
    expect(fields).toEqual(['id', events[0].eventId, 'type', 'contract.test0', 'envelope', JSON.stringify(events[0])]);
    expect((await t.request('/admin/events/dead-letters', { headers: auth })).body.total).toBe(2);

    const handled: string[] = [];
    @EventConsumer({ group: 'e2e-projection', aggregateTypes: ['contract'] })
    @Injectable()
    class Fixed {
      async handle(event: EventEnvelope): Promise<void> {
        handled.push(event.eventId);
      }
    }
    const fixed = await startConsumers(consumerEnv, [Fixed]);
    try {
      await waitFor(() => handled.length === 1);
      expect(handled).toEqual([events[0].eventId]);
    } finally {
      await fixed.close();
    }
  });

  it('answers 404 with a stable code for an unknown or already replayed id', async () => {
    expect(replayedId).not.toBe('');
    for (const id of ['1-1', 'not-an-id', '99999999999999999999-0', replayedId]) {
      expect(await t.request(`/admin/events/dead-letters/${id}/replay`, { method: 'POST', headers: auth })).toMatchObject({
        status: 404,
        body: { statusCode: 404, code: 'EVENTS.DEAD_LETTER_NOT_FOUND', message: `No dead letter ${id}` },
      });
    }
  });
});
