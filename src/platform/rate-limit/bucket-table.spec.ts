import { BucketTable } from './bucket-table.js';

const table = (rate = 10, burst = 20, maxBuckets = 1000, wantSync: () => void = () => undefined) => new BucketTable('read:anonymous', { rate, burst }, maxBuckets, wantSync);

describe('BucketTable', () => {
  it('admits a burst, then the refill rate', () => {
    const t = table(10, 20);
    let admitted = 0;
    for (let i = 0; i < 50; i++) if (t.take('a', 0).admitted) admitted++;
    expect(admitted).toBe(20);
    expect(t.take('a', 99).admitted).toBe(false);
    expect(t.take('a', 100).admitted).toBe(true);
    expect(t.take('a', 100).admitted).toBe(false);
    // Refill stops at the burst.
    expect(t.take('a', 60_000).tokens).toBe(19);
  });

  it('counts callers apart', () => {
    const t = table(1, 1);
    expect(t.take('a', 0).admitted).toBe(true);
    expect(t.take('b', 0).admitted).toBe(true);
    expect(t.take('a', 0).admitted).toBe(false);
  });

  it('replaces its count with the shared one, less what it admitted since the sync was sent', () => {
    const t = table(10, 20);
    for (let i = 0; i < 5; i++) t.take('a', 0);
    const sent = t.startSync();
    expect(sent.map((b) => [b.id, b.sent])).toEqual([['a', 5]]);
    t.take('a', 0);
    t.take('a', 0);
    // Another instance spent 10 meanwhile: the store says 20 - 5 - 10 = 5.
    t.applySync(sent, [5], 0);
    expect(t.take('a', 0).tokens).toBe(2);
    expect(t.startSync().map((b) => b.sent)).toEqual([3]);
  });

  it('keeps its own count when a sync fails, and does not send that consumption again', () => {
    const t = table(10, 20);
    for (let i = 0; i < 5; i++) t.take('a', 0);
    t.failSync(t.startSync());
    expect(t.take('a', 0).tokens).toBe(14);
    expect(t.startSync().map((b) => b.sent)).toEqual([1]);
  });

  it('asks for a sync at the first admission of a new caller, then when it spent a sixteenth of what it saw', () => {
    const wanted: number[] = [];
    const t = table(10, 200, 1000, () => wanted.push(1));
    t.take('a', 0);
    expect(wanted).toHaveLength(1);
    t.applySync(t.startSync(), [160], 0);
    for (let i = 0; i < 9; i++) t.take('a', 0);
    expect(wanted).toHaveLength(1);
    t.take('a', 0);
    expect(wanted).toHaveLength(2);
  });

  it('drops buckets once they are full again, never while they have something to sync', () => {
    const t = table(10, 20);
    t.take('idle', 0);
    t.take('busy', 0);
    t.applySync(t.startSync(), [19, 19], 0);
    t.take('busy', 50);
    t.sweep(99);
    expect(t.size).toBe(2);
    t.sweep(100);
    expect(t.size).toBe(1);
    t.applySync(t.startSync(), [20], 100);
    t.sweep(100);
    expect(t.size).toBe(0);
  });

  it('holds at most maxBuckets buckets, and lists at most as many for a sync, however many callers come', () => {
    const t = table(10, 20, 1000);
    for (let i = 0; i < 100_000; i++) t.take(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, i);
    expect(t.size).toBe(1000);
    expect(t.startSync()).toHaveLength(1000);
  });
});
