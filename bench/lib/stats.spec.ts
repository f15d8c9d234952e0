import { CEILING_PREFIX, formatTable, percentile, withRatios } from './stats.js';

describe('bench stats', () => {
  it('takes nearest-rank percentiles', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(samples, 0.5)).toBe(50);
    expect(percentile(samples, 0.95)).toBe(95);
    expect(percentile(samples, 0.99)).toBe(99);
    expect(percentile([7], 0.95)).toBe(7);
    expect(percentile([], 0.95)).toBe(0);
  });

  it('reports each row against the best ceiling in the documented JSON shape', () => {
    const row = (name: string, reqPerSec: number) => ({ name, reqPerSec, p50Ms: 1, p95Ms: 2, p99Ms: 3, errors: 0, non2xx: 0 });
    const results = withRatios('contract-by-id', [row(`${CEILING_PREFIX}fastify`, 20_000), row(`${CEILING_PREFIX}nest`, 10_000), row('hotpath', 5_000)], { nproc: 2, node: 'v20' }, new Date('2026-01-01'));
    expect(results).toEqual({
      scenario: 'contract-by-id',
      date: '2026-01-01T00:00:00.000Z',
      machine: { nproc: 2, node: 'v20' },
      rows: expect.any(Array),
      ratios: { 'ceiling: fastify': 1, 'ceiling: nest': 0.5, hotpath: 0.25 },
    });
    expect(formatTable(results)).toContain('| hotpath          |  5000 |   1.00 |   2.00 |   3.00 |      0 |       0 |           25.0% |');
  });
});
