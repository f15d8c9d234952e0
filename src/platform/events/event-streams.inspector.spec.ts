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

  it('lists the streams (a SCAN) afresh by default, and reuses a recent list when asked, listing again if a listed stream is gone', async () => {
    const db = { query: async () => [{ unpublished: 0, age: null }] } as unknown as DataSource;
    let scans = 0;
    let gone = false;
    const redis = {
      scan: async () => (scans++, ['0', ['hotpath:events:{contract.0}']]),
      xlen: async () => (gone ? Promise.reject(new Error('ERR no such key')) : 3),
      xrevrange: async () => [['1-0', []]],
      xinfo: async () => [['name', 'projections', 'consumers', 1, 'pending', 0, 'last-delivered-id', '1-0', 'lag', 2]],
    } as unknown as Redis;
    const inspector = new EventStreamsInspector(db, redis, AppConfig.fromEnv({}));
    const recent = { streamsListedWithinMs: 60_000 };
    expect((await inspector.report(recent)).streams).toEqual([{ name: 'hotpath:events:{contract.0}', length: 3, lastId: '1-0', groups: [{ name: 'projections', consumers: 1, pending: 0, lag: 2, lastDeliveredId: '1-0' }] }]);
    await inspector.report(recent);
    expect(scans).toBe(1);
    await inspector.report();
    expect(scans).toBe(2);
    gone = true;
    await expect(inspector.report(recent)).rejects.toBeInstanceOf(EventStreamsUnavailableError);
    expect(scans).toBe(3);
  });
});
