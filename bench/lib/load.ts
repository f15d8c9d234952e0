import { execFile, execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { percentile, type Row } from './stats.js';

export type LoadGenerator = 'wrk' | 'autocannon';

export interface LoadOptions {
  name: string;
  baseUrl: string;
  /** Request paths, cycled through so the load is not one hot row. */
  paths: readonly string[];
  connections: number;
  durationSec: number;
  generator?: LoadGenerator;
}

/** wrk (C, one thread) when it is installed: it leaves far more of the two cores to the server than autocannon in this process. */
export function defaultGenerator(): LoadGenerator {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return 'wrk';
  } catch (error) {
    // wrk prints its version and exits 1; only a missing binary is ENOENT.
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'autocannon' : 'wrk';
  }
}

export function runLoad(options: LoadOptions): Promise<Row> {
  return (options.generator ?? 'autocannon') === 'wrk' ? runWrk(options) : runAutocannon(options);
}

const WRK_SCRIPT = join(import.meta.dirname, '../../../bench/lib/cycle-paths.lua');

/** Runs wrk with one thread; latency percentiles come from wrk's own microsecond histogram. */
async function runWrk(options: LoadOptions): Promise<Row> {
  const pathsFile = join(tmpdir(), `hotpath-bench-paths-${process.pid}.txt`);
  writeFileSync(pathsFile, `${options.paths.join('\n')}\n`);
  const args = ['-t1', `-c${options.connections}`, `-d${options.durationSec}s`, '--timeout', '10s', '-s', WRK_SCRIPT, options.baseUrl, '--', pathsFile];
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile('wrk', args, { maxBuffer: 1 << 20 }, (error, out, err) => (error ? reject(new Error(`wrk failed: ${err || error.message}`)) : resolve(out))),
  );
  const line = stdout.split('\n').find((l) => l.startsWith('WRK_JSON '));
  if (!line) throw new Error(`wrk printed no summary:\n${stdout}`);
  const r = JSON.parse(line.slice('WRK_JSON '.length)) as { requests: number; durationUs: number; p50Us: number; p95Us: number; p99Us: number; socketErrors: number; non2xx: number };
  return {
    name: options.name,
    reqPerSec: r.requests / (r.durationUs / 1e6),
    p50Ms: r.p50Us / 1000,
    p95Ms: r.p95Us / 1000,
    p99Ms: r.p99Us / 1000,
    errors: r.socketErrors,
    non2xx: r.non2xx,
  };
}

/** Runs autocannon for a bounded time and measures exact latency percentiles from every response. */
async function runAutocannon(options: LoadOptions): Promise<Row> {
  let next = 0;
  const latencies: number[] = [];
  let finish: (error: Error | null, result: autocannon.Result) => void = () => undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = (error, result) => (error ? reject(error) : resolve(result));
  });
  const instance = autocannon(
    {
    url: options.baseUrl,
    connections: options.connections,
    duration: options.durationSec,
    timeout: 10,
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => {
          request.path = options.paths[next++ % options.paths.length];
          return request;
        },
      },
    ],
    },
    (error, result) => finish(error, result),
  );
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
  });
  const result = await done;
  latencies.sort((a, b) => a - b);
  return {
    name: options.name,
    reqPerSec: result.requests.total / (result.duration || options.durationSec),
    p50Ms: percentile(latencies, 0.5),
    p95Ms: percentile(latencies, 0.95),
    p99Ms: percentile(latencies, 0.99),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}
