import type { Piscina } from 'piscina';

type HistogramSummary = Piscina['histogram']['runTime'];

/** Counters the pool keeps; Prometheus reads the same numbers once monitoring lands. */
export class AgentPoolCounters {
  submitted = 0;
  completed = 0;
  failed = 0;
  timedOut = 0;
  aborted = 0;
  rejectedQueueFull = 0;
  retried = 0;
  workersReplaced = 0;
  pingFailures = 0;
}

export interface TimingSummary {
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface AgentPoolReport {
  threads: { min: number; max: number; current: number; idle: number };
  /** Share of the pool's thread time spent running tasks since start (0..1). */
  utilization: number;
  queue: { depth: number; max: number };
  tasks: { submitted: number; completed: number; failed: number; timedOut: number; aborted: number; rejectedQueueFull: number; retried: number; inFlight: number };
  workersReplaced: number;
  pingFailures: number;
  waitTime: TimingSummary;
  runTime: TimingSummary;
}

export function summary(histogram: HistogramSummary): TimingSummary {
  const ms = (n: number) => (Number.isFinite(n) ? Math.round(n * 1000) / 1000 : 0);
  return { meanMs: ms(histogram.mean), p50Ms: ms(histogram.p50), p99Ms: ms(histogram.p99), maxMs: ms(histogram.max) };
}
