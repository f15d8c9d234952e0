import { Rng } from './prng.js';

describe('Rng', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const take = (seed: number) => Array.from({ length: 5 }, ((rng) => () => rng.uint32())(new Rng(seed)));
    expect(take(42)).toEqual(take(42));
    expect(take(42)).not.toEqual(take(43));
  });

  it('draws uniform values in [0, 1) with the right mean', () => {
    const rng = new Rng(1);
    let sum = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = rng.next();
      expect(u >= 0 && u < 1).toBe(true);
      sum += u;
    }
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
  });

  it('draws standard normals (mean 0, sd 1)', () => {
    const rng = new Rng(7);
    const n = 100_000;
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.normal();
      sum += x;
      squares += x * x;
    }
    expect(sum / n).toBeCloseTo(0, 1);
    expect(Math.sqrt(squares / n)).toBeCloseTo(1, 1);
  });

  it('makes version-4 UUIDs', () => {
    const rng = new Rng(3);
    for (let i = 0; i < 1000; i++) expect(rng.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('forks streams that do not depend on how far the parent went', () => {
    const a = new Rng(9);
    const b = new Rng(9);
    b.next();
    expect(b.fork(1).uint32()).toBe(a.fork(1).uint32());
    expect(a.fork(1).uint32()).not.toBe(a.fork(2).uint32());
  });
});
