import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { AnalysisRunner } from '../src/modules/analysis/application/analysis-runner.js';
import { AGENT_NAMES, loadContractColumns } from '../src/modules/analysis/index.js';
import { AgentPool } from '../src/platform/agents/index.js';
import { runAllAgents } from '../scripts/analysis/run-agents.js';
import { prepareBenchDatabase } from './lib/bench-db.js';
import { median } from './lib/stats.js';

/**
 * A whole-data-set investigation (all four agents) on the bench data set: load (binary COPY into
 * columns), transfer (copy onto shared memory), compute on the agent pool, beside the same agents
 * inline on one thread. Median of `--rounds`.
 */
const { values: args } = parseArgs({ options: { contracts: { type: 'string', default: '1000000' }, seed: { type: 'string', default: '42' }, rounds: { type: 'string', default: '5' }, threads: { type: 'string', default: String(cpus().length) } } });

async function main(): Promise<void> {
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hotpath_bench';
  const contracts = Number(args.contracts);
  await prepareBenchDatabase(url, contracts, Number(args.seed));
  const threads = Number(args.threads);
  const pool = new AgentPool({ minThreads: threads, maxThreads: threads, idleTimeoutMs: 60_000, maxQueue: 1000, taskTimeoutMs: 120_000, maxMemoryMb: 2048, healthIntervalMs: 0, dispatch: 'least-busy', atomics: 'sync', retries: 0 });
  const runner = new AnalysisRunner(pool);
  const client = new Client({ connectionString: url });
  await client.connect();
  const rows: { loadMs: number; shareMs: number; computeMs: number; totalMs: number; inlineMs: number; findings: number }[] = [];
  try {
    for (let round = 0; round < Number(args.rounds); round++) {
      const started = performance.now();
      const columns = await loadContractColumns(client, contracts, "status <> 'cancelled'");
      const loadMs = performance.now() - started;
      const run = await runner.run(columns, AGENT_NAMES, { timeoutMs: 120_000 });
      const totalMs = performance.now() - started;
      if (run.timedOut.length || Object.keys(run.failed).length) throw new Error(`agents failed: ${JSON.stringify(run.failed)} ${run.timedOut.join(',')}`);
      const inlineStarted = performance.now();
      const inline = runAllAgents(columns);
      const inlineMs = performance.now() - inlineStarted;
      const findings = AGENT_NAMES.reduce((n, a) => n + (run.findings[a]?.length ?? 0), 0);
      if (findings !== AGENT_NAMES.reduce((n, a) => n + inline[a].findings.length, 0)) throw new Error('pool and inline runs found different findings');
      rows.push({ loadMs, shareMs: run.timings.shareMs, computeMs: run.timings.computeMs, totalMs, inlineMs, findings });
    }
  } finally {
    await client.end();
    await pool.close();
  }
  const pick = (k: keyof (typeof rows)[number]) => Math.round(median(rows.map((r) => r[k])));
  const result = { load: pick('loadMs'), transfer: pick('shareMs'), compute: pick('computeMs'), total: pick('totalMs'), inlineCompute: pick('inlineMs'), findings: rows[0].findings };
  const date = new Date().toISOString();
  const machine = { nproc: cpus().length, node: process.version };
  console.log(`\ninvestigation (${date}, nproc ${machine.nproc}, node ${machine.node}; ${contracts.toLocaleString('en')} contracts, all four agents, ${threads} threads, median of ${rows.length} rounds)\n`);
  console.log('| phase | ms |');
  console.log('|---|---:|');
  console.log(`| load (binary COPY into columns) | ${result.load} |`);
  console.log(`| transfer (onto shared memory) | ${result.transfer} |`);
  console.log(`| compute on the agent pool | ${result.compute} |`);
  console.log(`| **whole investigation** | **${result.total}** |`);
  console.log(`| compute inline on one thread (peer) | ${result.inlineCompute} |`);
  console.log(`\npool compute vs inline: ${(result.inlineCompute / result.compute).toFixed(2)}x; goal: whole investigation under 3000 ms (${result.total < 3000 ? 'met' : 'not met'}); ${result.findings} findings`);
  writeFileSync(join(import.meta.dirname, '../../bench/results/investigation.json'), `${JSON.stringify({ scenario: 'investigation', date, machine, contracts, threads, medianMs: result, rounds: rows }, null, 2)}\n`);
}

await main();
