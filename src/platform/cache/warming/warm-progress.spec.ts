import { warmPercent } from './warm-progress.js';

describe('warmPercent', () => {
  const warmer = (done: number, total: number) => ({ name: 'w', done, total });

  it('weighs every warmer the same and counts finished ones whole', () => {
    expect(warmPercent([warmer(0, 0), warmer(0, 0)], 0)).toBe(0);
    expect(warmPercent([warmer(50, 100), warmer(0, 0)], 0)).toBe(25);
    expect(warmPercent([warmer(3, 4), warmer(1, 4)], 1)).toBe(62);
    expect(warmPercent([warmer(1, 2), warmer(0, 0)], 2)).toBe(100);
  });

  it('is complete when there is nothing to warm and never exceeds 100', () => {
    expect(warmPercent([], 0)).toBe(100);
    expect(warmPercent([warmer(9, 4)], 0)).toBe(100);
  });
});
