import { OrderedLane } from './ordered-lane.js';
import type { StreamEntry } from './stream-entry.js';

const entry = (id: string): StreamEntry => ({ stream: 's', id, type: 't', envelope: '{}', deliveries: 1 });

describe('OrderedLane', () => {
  it('hands entries out in stream order, a late older entry (reclaimed) before newer queued ones', () => {
    const lane = new OrderedLane('s|a', 's');
    for (const id of ['5-0', '6-0', '7-0']) lane.push(entry(id));
    expect(lane.next()?.id).toBe('5-0');
    lane.push(entry('3-0'));
    lane.done();
    expect([lane.next()?.id, (lane.done(), lane.next())?.id]).toEqual(['3-0', '6-0']);
  });

  it('never holds an entry twice, including the one being handled', () => {
    const lane = new OrderedLane('s|a', 's');
    lane.push(entry('1-0'));
    lane.next();
    expect(lane.push(entry('1-0'))).toBe(false);
    lane.done();
    expect(lane.size).toBe(0);
  });

  it('releases queued entries but keeps the current one until it is settled', () => {
    const lane = new OrderedLane('s|a', 's');
    for (const id of ['1-0', '2-0', '3-0']) lane.push(entry(id));
    lane.next();
    expect(lane.release()).toBe(2);
    expect([lane.size, lane.current?.id]).toEqual([1, '1-0']);
    lane.done();
    expect([lane.size, lane.next()]).toEqual([0, undefined]);
  });
});
