import autocannon from 'autocannon';
import { percentile, type Row } from './stats.js';

export interface LoadOptions {
  name: string;
  baseUrl: string;
  /** Request paths, cycled through so the load is not one hot row. */
  paths: readonly string[];
  connections: number;
  durationSec: number;
}

/** Runs autocannon for a bounded time and measures exact latency percentiles from every response. */
export async function runLoad(options: LoadOptions): Promise<Row> {
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
