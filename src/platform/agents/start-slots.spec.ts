import { StartSlots, startMarker } from './start-slots.js';

describe('StartSlots', () => {
  it('hands out each slot once, cleared, until released', () => {
    const slots = new StartSlots(2);
    const a = slots.take();
    const b = slots.take();
    expect(new Set([a, b]).size).toBe(2);
    expect(slots.take()).toBeUndefined();
    startMarker(slots.buffer)(a!);
    expect(slots.startedAt(a!)).toBeGreaterThan(Date.now() - 1000);
    slots.release(a!);
    expect(slots.take()).toBe(a);
    expect(slots.startedAt(a!)).toBe(0);
  });
});
