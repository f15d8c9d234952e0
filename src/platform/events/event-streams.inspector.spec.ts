import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../../config/index.js';
import { EventStreamsInspector, EventStreamsUnavailableError } from './event-streams.inspector.js';

describe('EventStreamsInspector', () => {
  it('answers "unavailable" (503) with a stable code when Redis does not answer', async () => {
    const db = { query: async () => [{ unpublished: 3, age: 1.23 }] } as unknown as DataSource;
    const redis = { scan: async () => Promise.reject(new Error('Connection is closed.')) } as unknown as Redis;
    const inspector = new EventStreamsInspector(db, redis, AppConfig.fromEnv({}));
    const failure = await inspector.report().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EventStreamsUnavailableError);
    expect(failure).toMatchObject({ code: 'EVENTS.REDIS_UNAVAILABLE', kind: 'unavailable', message: expect.stringContaining('Connection is closed.') });
  });
});
