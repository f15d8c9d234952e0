import { HOT_KEY_SAMPLE_EVERY, HotKeys } from './hot-keys.js';

describe('HotKeys', () => {
  it('finds the most-hit keys by sampling, with their namespace and a short key', () => {
    const hot = new HotKeys();
    for (let i = 0; i < 100_000; i++) {
      if (i % 2 === 0) hot.sample('hotpath:c:api:aaaaaaaaaaaaaaaaaaaaaaaa', 'api');
      else if (i % 4 === 1) hot.sample('hotpath:c:db:bbbbbbbbbbbbbbbbbbbbbbbb', 'db');
      else hot.sample(`hotpath:c:api:cold${i}`, 'api');
    }
    const [first, second] = hot.top(2);
    expect(first).toMatchObject({ key: 'aaaaaaaaaaaaaaaa', namespace: 'api' });
    expect(second).toMatchObject({ key: 'bbbbbbbbbbbbbbbb', namespace: 'db' });
    // One hit in HOT_KEY_SAMPLE_EVERY is sampled (the generator's seed is fixed): the estimate of 50,000 hits is within 10%.
    expect(Math.abs(first.estimatedHits - 50_000)).toBeLessThan(5000);
    expect(first.estimatedHits % HOT_KEY_SAMPLE_EVERY).toBe(0);
  });

  it('stays bounded however many keys pass', () => {
    const hot = new HotKeys();
    for (let i = 0; i < 1_000_000; i++) hot.sample(`k:api:${i}`, 'api');
    expect(hot.top(1000).length).toBeLessThanOrEqual(256);
  });
});
