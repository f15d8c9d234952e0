import { reconnectDelay } from './redis.connection.js';

describe('reconnectDelay', () => {
  it('grows exponentially from the first attempt', () => {
    const upper = (attempt: number) => reconnectDelay(attempt, () => 1);
    expect([1, 2, 3, 4].map(upper)).toEqual([100, 200, 400, 800]);
  });

  it('never exceeds five seconds however many attempts failed', () => {
    expect(reconnectDelay(10_000, () => 1)).toBe(5000);
    expect(reconnectDelay(50, () => 0)).toBe(2500);
  });

  it('jitters between half and the full delay', () => {
    expect(reconnectDelay(3, () => 0)).toBe(200);
    expect(reconnectDelay(3, () => 0.5)).toBe(300);
  });
});
