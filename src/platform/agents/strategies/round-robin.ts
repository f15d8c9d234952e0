import type { Piscina } from 'piscina';

type LoadBalancer = NonNullable<NonNullable<ConstructorParameters<typeof Piscina>[0]>['loadBalancer']>;
type Workers = Parameters<LoadBalancer>[1];

/**
 * Dispatch to the threads in turn: the next idle thread after the one used last, so work and
 * warm per-thread state spread over every thread (piscina's default picks the first idle
 * thread, which keeps one thread hot and the others cold under light load).
 */
export function roundRobin(): LoadBalancer {
  let cursor = 0;
  return (_task, workers: Workers) => {
    const n = workers.length;
    for (let i = 0; i < n; i++) {
      const worker = workers[(cursor + i) % n];
      if (worker.currentUsage === 0 && !worker.terminating && !worker.destroyed) {
        cursor = (cursor + i + 1) % n;
        return worker;
      }
    }
    return null;
  };
}
