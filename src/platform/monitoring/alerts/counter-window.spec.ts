import { CounterWindow } from './counter-window.js';

describe('CounterWindow', () => {
  it('gives the increase since the window was made until a span has passed, then over the last span', () => {
    const window = new CounterWindow(300_000, 0, 2);
    expect(window.increase(15_000, [10, 2])).toEqual([10, 2]);
    expect(window.increase(200_000, [50, 5])).toEqual([50, 5]);
    expect(window.increase(320_000, [80, 9])).toEqual([70, 7]);
    expect(window.increase(520_000, [90, 9])).toEqual([40, 4]);
  });

  it('counts a counter that went back from zero', () => {
    const window = new CounterWindow(300_000, 0, 1);
    window.increase(1000, [100]);
    expect(window.increase(2000, [5])).toEqual([5]);
  });
});
