import { SlowlogReader } from './slowlog-reader.js';

const entry = (id: number, command: string, micros = 15_000) => [id, 1_767_268_800 + id, micros, [command, 'secret-key', 'secret-value'], '127.0.0.1:5000', 'hotpath-shared'];

describe('SlowlogReader', () => {
  let now = 0;
  const reader = () => new SlowlogReader(() => now);

  it('yields only entries newer than the last one seen, by name and never their arguments', () => {
    const slowlog = reader();
    expect(slowlog.ingest([entry(2, 'EVAL'), entry(1, 'KEYS')])).toHaveLength(2);
    const fresh = slowlog.ingest([entry(4, 'MGET'), entry(3, 'GET'), entry(2, 'EVAL')]);
    expect(fresh).toEqual([
      { id: 4, at: new Date((1_767_268_800 + 4) * 1000).toISOString(), durationMs: 15, command: 'mget', client: 'hotpath-shared' },
      expect.objectContaining({ id: 3, command: 'get' }),
    ]);
    expect(JSON.stringify(slowlog.recent())).not.toContain('secret');
    expect(slowlog.recent().map((e) => e.id)).toEqual([4, 3, 2, 1]);
  });

  it('takes every entry again after the log was reset (ids went back)', () => {
    const slowlog = reader();
    slowlog.ingest([entry(9, 'GET')]);
    expect(slowlog.ingest([entry(1, 'SET')]).map((e) => e.id)).toEqual([1]);
  });

  it('counts arrivals by when they were read, the first read being history', () => {
    const slowlog = reader();
    now = 0;
    slowlog.ingest([entry(2, 'GET'), entry(1, 'GET')]);
    now = 60_000;
    slowlog.ingest([entry(5, 'GET'), entry(4, 'GET'), entry(3, 'GET'), entry(2, 'GET')]);
    now = 400_000;
    slowlog.ingest([entry(6, 'GET')]);
    expect(slowlog.arrivedWithin(300_000)).toBe(1);
    expect(slowlog.arrivedWithin(400_000)).toBe(4);
  });

  it('ignores a reply that is not a list of entries', () => {
    expect(reader().ingest('nonsense')).toEqual([]);
  });
});
