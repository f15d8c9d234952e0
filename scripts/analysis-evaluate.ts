import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { prepareBenchDatabase } from '../bench/lib/bench-db.js';
import { AppConfig } from '../src/config/index.js';
import { AGENT_NAMES, loadContractColumns } from '../src/modules/analysis/index.js';
import { positiveInt, runCli } from './cli.js';
import { readGroundTruth, scoreAgent, type AgentQuality } from './analysis/quality.js';
import { runAllAgents } from './analysis/run-agents.js';

const USAGE = 'usage: npm run analysis:evaluate -- [--contracts N] [--seed S] [--rounds R]';
/** A database of its own: never the dev database nor the bench one. */
const DATABASE = 'hotpath_analysis_eval';
const RESULTS = 'bench/results/analysis-quality.json';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { contracts: { type: 'string' }, seed: { type: 'string' }, rounds: { type: 'string' } }, strict: true });
  const contracts = positiveInt('contracts', values.contracts, 1_000_000, 20_000_000);
  const seed = positiveInt('seed', values.seed, 42, 2 ** 32 - 1);
  const rounds = positiveInt('rounds', values.rounds, 5, 100);
  const url = new URL(AppConfig.fromEnv().database.url);
  url.pathname = `/${DATABASE}`;

  // Generated once per (contracts, seed) and kept: the same pair reuses the loaded data set.
  const prepareStarted = performance.now();
  await prepareBenchDatabase(url.toString(), contracts, seed);
  const prepareMs = performance.now() - prepareStarted;

  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const loadStarted = performance.now();
    const columns = await loadContractColumns(client, contracts);
    const loadMs = performance.now() - loadStarted;
    const truth = await readGroundTruth(client);
    // The first round is cold (JIT); the timings reported are the median of the later rounds.
    const runs = runAllAgents(columns);
    const timed = Array.from({ length: rounds }, () => runAllAgents(columns));

    const agents = {} as Record<string, AgentQuality & { findings: number; mapMs: number; reduceMs: number; coldMs: number }>;
    for (const name of AGENT_NAMES) {
      const run = runs[name];
      agents[name] = {
        ...scoreAgent(name, run.findings, truth),
        findings: run.findings.length,
        mapMs: round(median(timed.map((r) => r[name].mapMs))),
        reduceMs: round(median(timed.map((r) => r[name].reduceMs))),
        coldMs: round(run.mapMs + run.reduceMs),
      };
    }
    console.log(`${columns.count} contracts, seed ${seed}: data set ready in ${(prepareMs / 1000).toFixed(1)} s, loaded into columns in ${round(loadMs)} ms`);
    console.table(Object.fromEntries(Object.entries(agents).map(([name, a]) => [name, { precision: a.precision.toFixed(3), recall: a.recall.toFixed(3), TP: a.truePositives, FP: a.falsePositives, FN: a.falseNegatives, 'map ms': a.mapMs, 'reduce ms': a.reduceMs, 'cold ms': a.coldMs }])));

    const results = { agents, contracts: columns.count, seed, date: new Date().toISOString(), machine: { nproc: availableParallelism(), node: process.version }, timings: { loadMs: round(loadMs), agentRounds: rounds, note: 'agent mapMs/reduceMs: median of the warm rounds, one thread, all rows in one range; coldMs: first run' } };
    await mkdir('bench/results', { recursive: true });
    await writeFile(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`wrote ${RESULTS}`);
    const failing = AGENT_NAMES.filter((name) => agents[name].precision < 0.9 || agents[name].recall < 0.9);
    if (failing.length) {
      console.error(`below precision/recall 0.9: ${failing.join(', ')}`);
      process.exitCode = 1;
    }
  } finally {
    await client.end();
  }
}

const round = (ms: number) => Math.round(ms * 10) / 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

runCli(main, USAGE);
