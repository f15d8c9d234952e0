import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { contractListQuery } from '../src/modules/contracts/infrastructure/contract-list.sql.js';
import type { ContractFilters } from '../src/modules/contracts/domain/contract-filters.js';
import { prepareBenchDatabase, sampleIds } from './lib/bench-db.js';
import { startServer } from './lib/processes.js';
import { percentile } from './lib/stats.js';

/**
 * Uncached response time of each list filter and of agency stats, one request at a time
 * (no queueing), over many parameter values; plus the index the plan uses for the first
 * value, so a plan regression shows up here. Backs docs/queries.md.
 */
interface Shape {
  name: string;
  cases: { path: string; filters?: ContractFilters }[];
}

const DIST = join(import.meta.dirname, '..');
const eu = { fundingSource: 'eu' };
const enc = (o: object) => encodeURIComponent(JSON.stringify(o));

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { contracts: { type: 'string', default: '1000000' }, seed: { type: 'string', default: '42' }, per: { type: 'string', default: '60' } } });
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hotpath_bench';
  await prepareBenchDatabase(url, Number(values.contracts), Number(values.seed));
  const s = await sampleIds(url, 1000);
  const n = Number(values.per);
  const agencies = s.agenciesBySize;
  const big = agencies.slice(0, Math.min(n, agencies.length));
  const sup = s.supplierIds.slice(0, n);
  const months = Array.from({ length: n }, (_, i) => new Date(Date.UTC(2021 + (i % 5), i % 12, 1)));
  const next = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
  const shapes: Shape[] = [
    { name: 'no filter, page 1', cases: [{ path: '/contracts', filters: {} }] },
    { name: 'agency (largest first)', cases: big.map((id) => ({ path: `/contracts?agency=${id}`, filters: { agencyId: id } })) },
    { name: 'supplier', cases: sup.map((id) => ({ path: `/contracts?supplier=${id}`, filters: { supplierId: id } })) },
    { name: 'category + status', cases: ['construction', 'vehicles', 'research', 'food'].flatMap((c) => ['active', 'completed', 'terminated', 'cancelled'].map((st) => ({ path: `/contracts?category=${c}&status=${st}`, filters: { category: c, status: st as ContractFilters['status'] } }))) },
    { name: 'one month', cases: months.map((m) => ({ path: `/contracts?signedFrom=${m.toISOString()}&signedTo=${next(m).toISOString()}`, filters: { signedFrom: m, signedTo: next(m) } })) },
    { name: 'amount range (narrow, wide, tail)', cases: [[100_000, 110_000], [1_000_000, 50_000_000], [10_000_000_000, 9e15], [100, 1000], [200_000_000, 210_000_000]].map(([a, b]) => ({ path: `/contracts?minAmountCents=${a}&maxAmountCents=${b}`, filters: { minAmountCents: a, maxAmountCents: b } })) },
    { name: 'metadata containment', cases: [eu, { framework: true }, { lot: 3, region: 'north' }, { fundingSource: 'regional', framework: true }].map((m) => ({ path: `/contracts?metadata=${enc(m)}`, filters: { metadata: m } })) },
    { name: 'agency + month + metadata', cases: big.map((id, i) => ({ path: `/contracts?agency=${id}&signedFrom=${months[i].toISOString()}&signedTo=${next(months[i]).toISOString()}&metadata=${enc(eu)}`, filters: { agencyId: id, signedFrom: months[i], signedTo: next(months[i]), metadata: eu } })) },
    { name: 'agency + amount tail', cases: big.map((id) => ({ path: `/contracts?agency=${id}&minAmountCents=10000000000`, filters: { agencyId: id, minAmountCents: 10_000_000_000 } })) },
    { name: 'agency stats (all agencies)', cases: agencies.map((id) => ({ path: `/agencies/${id}/stats` })) },
  ];

  const app = await startServer(join(DIST, 'src/main.js'), { DATABASE_URL: url, REDIS_KEY_PREFIX: `hotpath-bench:${process.pid}`, LOG_LEVEL: 'warn', PROCESS_ROLE: 'api', RATE_LIMIT_ENABLED: 'false' }, '/health/ready');
  const db = new Client({ connectionString: url });
  await db.connect();
  const rows: { shape: string; requests: number; p50Ms: number; p95Ms: number; maxMs: number; plan: string }[] = [];
  try {
    for (const shape of shapes) {
      const times: number[] = [];
      // Two passes: the first warms Postgres' buffers and the app's code paths, the second is measured.
      for (let pass = 0; pass < 2; pass++) {
        for (const c of shape.cases) {
          const started = performance.now();
          const res = await fetch(`${app.baseUrl}${c.path}`);
          await res.arrayBuffer();
          if (!res.ok) throw new Error(`${c.path} answered ${res.status}`);
          if (pass === 1) times.push(performance.now() - started);
        }
      }
      times.sort((a, b) => a - b);
      const first = shape.cases[0].filters;
      rows.push({ shape: shape.name, requests: times.length, p50Ms: percentile(times, 0.5), p95Ms: percentile(times, 0.95), maxMs: times[times.length - 1], plan: first ? await planOf(db, first) : 'read model (agency_monthly_stats, agency_supplier_stats)' });
    }
  } finally {
    await db.end();
    await app.stop();
  }
  const date = new Date().toISOString();
  const table = [
    '| query | requests | p50 ms | p95 ms | max ms | plan for the first case |',
    '|---|---:|---:|---:|---:|---|',
    ...rows.map((r) => `| ${r.shape} | ${r.requests} | ${r.p50Ms.toFixed(2)} | ${r.p95Ms.toFixed(2)} | ${r.maxMs.toFixed(2)} | ${r.plan} |`),
  ].join('\n');
  console.log(`query latency, one request at a time, uncached (${date}, nproc ${cpus().length}, node ${process.version})\n${table}`);
  writeFileSync(join(DIST, '../bench/results/query-latency.json'), `${JSON.stringify({ scenario: 'query-latency', date, machine: { nproc: cpus().length, node: process.version }, rows }, null, 2)}\n`);
}

async function planOf(db: Client, filters: ContractFilters): Promise<string> {
  const { sql, params } = contractListQuery(filters, undefined, 20);
  const { rows } = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params);
  const lines = rows.map((r) => r['QUERY PLAN']);
  const scans = lines.map((l) => l.match(/(Index Scan|Index Only Scan|Bitmap Index Scan|Seq Scan)(?: Backward)? (?:using|on) (\w+)/)).filter((m): m is RegExpMatchArray => m !== null);
  const sort = lines.some((l) => /Sort/.test(l)) ? ' + top-N sort' : '';
  return scans.map((m) => `${m[1]} ${m[2]}`).join(', ') + sort;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
