import { roundRobin } from './round-robin.js';

type Worker = { id: number; currentUsage: number; terminating: boolean; destroyed: boolean };
const worker = (id: number, currentUsage = 0): Worker => ({ id, currentUsage, terminating: false, destroyed: false });
const pick = (balancer: ReturnType<typeof roundRobin>, workers: Worker[]) => (balancer({} as never, workers as never) as Worker | null)?.id ?? null;

describe('roundRobin balancer', () => {
  it('takes each idle thread in turn', () => {
    const balancer = roundRobin();
    const workers = [worker(1), worker(2), worker(3)];
    expect([pick(balancer, workers), pick(balancer, workers), pick(balancer, workers), pick(balancer, workers)]).toEqual([1, 2, 3, 1]);
  });

  it('skips busy and terminating threads, and answers null (queue the task) when none is idle', () => {
    const balancer = roundRobin();
    expect(pick(balancer, [worker(1, 1), { ...worker(2), terminating: true }, worker(3)])).toBe(3);
    expect(pick(balancer, [worker(1, 1), worker(2, 1)])).toBeNull();
  });
});
