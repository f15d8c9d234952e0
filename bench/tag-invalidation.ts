import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { BenchCaches } from './lib/redis-tiered.js';
import { percentile } from './lib/stats.js';

/**
 * Tag invalidation cost whatever the number of tagged keys (1 vs 100,000), and how long until
 * another instance stops serving an invalidated entry from its L1 (two instances with their
 * own Redis connections in one process; the message crosses Redis pub/sub).
 */
async function main(): Promise<void> {
  const caches = new BenchCaches(`hotpath-bench-tags:${process.pid}`);
  const a = caches.create();
  const b = caches.create();
  await new Promise((resolve) => setTimeout(resolve, 200));
  const rows: { name: string; p50Ms: number; p99Ms: number; samples: number }[] = [];
  try {
    for (const size of [1, 100_000]) {
      const tag = `bench:${size}`;
      for (let start = 0; start < size; start += 1000) {
        await a.setMany(Array.from({ length: Math.min(1000, size - start) }, (_, i) => ({ key: a.key('api', `${tag}:${start + i}`), value: { n: start + i } })), { tags: [tag] });
      }
      const times: number[] = [];
      for (let i = 0; i < 300; i++) {
        const started = performance.now();
        await a.invalidateTags([tag]);
        times.push(performance.now() - started);
      }
      times.sort((x, y) => x - y);
      rows.push({ name: `invalidateTags, tag on ${size.toLocaleString('en-US')} keys`, p50Ms: percentile(times, 0.5), p99Ms: percentile(times, 0.99), samples: times.length });
    }

    const latencies: number[] = [];
    const key = a.key('api', 'cross-instance');
    for (let i = 0; i < 300; i++) {
      await a.set(key, i, { tags: ['cross'] });
      if ((await b.get(key)) !== i) throw new Error('instance b did not read the value');
      const started = performance.now();
      await a.invalidateTags(['cross']);
      while ((await b.get(key)) !== undefined) await new Promise((resolve) => setImmediate(resolve));
      latencies.push(performance.now() - started);
    }
    latencies.sort((x, y) => x - y);
    rows.push({ name: 'invalidation seen by the other instance (from the INCR call)', p50Ms: percentile(latencies, 0.5), p99Ms: percentile(latencies, 0.99), samples: latencies.length });
  } finally {
    await caches.close();
  }
  const date = new Date().toISOString();
  const machine = { nproc: cpus().length, node: process.version };
  console.log(`tag-invalidation (${date}, nproc ${machine.nproc}, node ${machine.node})\n| measure | p50 ms | p99 ms | samples |\n|---|---:|---:|---:|`);
  for (const r of rows) console.log(`| ${r.name} | ${r.p50Ms.toFixed(3)} | ${r.p99Ms.toFixed(3)} | ${r.samples} |`);
  writeFileSync(join(import.meta.dirname, '../../bench/results/tag-invalidation.json'), `${JSON.stringify({ scenario: 'tag-invalidation', date, machine, rows }, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
