import { LaneScheduler } from './lane-scheduler.js';
import type { StreamEntry } from './stream-entry.js';

const entry = (id: string, aggregateId: string): StreamEntry => ({ stream: 's', id, type: 't', envelope: JSON.stringify({ aggregateId }), deliveries: 1 });
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('LaneScheduler', () => {
  it('settles one aggregate in order, one at a time, and other aggregates alongside, up to the concurrency', async () => {
    const running = new Set<string>();
    const log: string[] = [];
    let peak = 0;
    const release = new Map<string, () => void>();
    const scheduler = new LaneScheduler(
      2,
      (e) => {
        const aggregate = e.event!.aggregateId;
        expect(running.has(aggregate)).toBe(false);
        running.add(aggregate);
        peak = Math.max(peak, running.size);
        log.push(`${aggregate}:${e.id}`);
        return new Promise<void>((resolve) => release.set(e.id, () => (running.delete(aggregate), resolve())));
      },
      () => undefined,
    );
    for (const [id, aggregate] of [['1-0', 'a'], ['2-0', 'b'], ['3-0', 'a'], ['4-0', 'c']]) scheduler.add(entry(id, aggregate));
    await tick();
    expect(log).toEqual(['a:1-0', 'b:2-0']);
    release.get('1-0')!();
    await tick();
    expect(log).toEqual(['a:1-0', 'b:2-0', 'a:3-0']);
    release.get('2-0')!();
    await tick();
    expect(log).toContain('c:4-0');
    release.get('3-0')!();
    release.get('4-0')!();
    await tick();
    expect([peak, scheduler.held]).toEqual([2, 0]);
  });

  it('gives an unreadable entry a lane of its own and parses each envelope once', async () => {
    const settled: StreamEntry[] = [];
    const scheduler = new LaneScheduler(4, async (e) => void settled.push(e), () => undefined);
    scheduler.add({ stream: 's', id: '1-0', type: 't', envelope: 'not json', deliveries: 1 });
    scheduler.add(entry('2-0', 'a'));
    await tick();
    expect(settled.map((e) => [e.id, e.event?.aggregateId])).toEqual([
      ['1-0', undefined],
      ['2-0', 'a'],
    ]);
  });

  it('on stop, finishes the entries being settled and forgets the queued ones', async () => {
    const settled: string[] = [];
    const scheduler = new LaneScheduler(1, async (e) => {
      await tick();
      settled.push(e.id);
    }, () => undefined);
    for (const id of ['1-0', '2-0', '3-0']) scheduler.add(entry(id, 'a'));
    await scheduler.stop();
    expect([settled, scheduler.held]).toEqual([['1-0'], 0]);
  });
});
