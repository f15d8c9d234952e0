import { CEILING_PREFIX, formatTable, medianRow, percentile, withRatios } from './stats.js';

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
    const results = withRatios('contract-by-id', [row(`${CEILING_PREFIX}fastify`, 20_000), row(`${CEILING_PREFIX}nest`, 10_000), { ...row('hotpath', 5_000), cpuUsPerReq: 104.4 }], { nproc: 2, node: 'v20' }, new Date('2026-01-01'));
    expect(results).toEqual({
      scenario: 'contract-by-id',
      date: '2026-01-01T00:00:00.000Z',
      machine: { nproc: 2, node: 'v20' },
      rows: expect.any(Array),
      ratios: { 'ceiling: fastify': 1, 'ceiling: nest': 0.5, hotpath: 0.25 },
    });
    expect(formatTable(results)).toContain('| ceiling: nest    | 10000 |   1.00 |   2.00 |   3.00 |      0 |       0 |                 - |           50.0% |');
    expect(formatTable(results)).toContain('| hotpath          |  5000 |   1.00 |   2.00 |   3.00 |      0 |       0 |               104 |           25.0% |');
  });

  it('keeps the median round of a target, with the median CPU per request', () => {
    const round = (reqPerSec: number, cpuUsPerReq: number) => ({ name: 'hotpath', reqPerSec, p50Ms: reqPerSec / 1000, p95Ms: 2, p99Ms: 3, errors: 0, non2xx: 0, cpuUsPerReq });
    const median = medianRow([round(9000, 90), round(3000, 130), round(7000, 100)]);
    expect(median).toEqual({ ...round(7000, 100), cpuUsPerReq: 100 });
    expect(medianRow([round(5000, 120), round(6000, 80), round(4000, 95)]).cpuUsPerReq).toBe(95);
    expect(() => medianRow([])).toThrow('at least one round');
  });
});
