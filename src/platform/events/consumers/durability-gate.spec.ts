import { DurabilityGate } from './durability-gate.js';

describe('DurabilityGate', () => {
  it('confirms the ids asked for together in one call, and those asked for meanwhile in the next', async () => {
    const calls: string[][] = [];
    const answers: ((durable: ReadonlySet<string> | undefined) => void)[] = [];
    const gate = new DurabilityGate((ids) => {
      calls.push(ids);
      return new Promise((resolve) => answers.push(resolve));
    });
    const a = gate.durable('a');
    const b = gate.durable('b');
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual([['a', 'b']]);
    const c = gate.durable('c');
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toHaveLength(1);
    answers[0](new Set(['a']));
    expect([await a, await b]).toEqual([true, false]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual([['a', 'b'], ['c']]);
    answers[1](undefined);
    expect(await c).toBe(false);
  });
});
