import { type BeforeApplicationShutdown, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { setTimeout as delay } from 'node:timers/promises';
import { errorLogger } from './error-log.js';
import type { JobWorkerSettings } from './job-options.js';

/** How long shutdown waits to learn whether the worker ever reached Redis. */
const READY_PROBE_MS = 100;
/** How long shutdown waits for a close to settle once the worker's connections are dropped. */
const DROP_WAIT_MS = 1000;

/**
 * Base of Hotpath's processors: a `WorkerHost` whose worker settings come from config.
 * `@nestjs/bullmq` reads worker options from the class's `@Processor` metadata when it creates
 * the worker (in `onModuleInit`, after every provider is constructed), and decorators cannot
 * see config; so the constructor applies `@Processor(queue, settings)` once it has them.
 *
 * Shutdown: the worker stops taking jobs and lets active ones finish before any module closes
 * its pools (`beforeApplicationShutdown` runs ahead of every `onApplicationShutdown`); the
 * wait is bounded by `closeTimeoutMs` (SHUTDOWN_TIMEOUT), after which the worker's connections are
 * dropped. A worker that never reached Redis has no job to wait for and is closed at once (a
 * graceful close would wait for Redis forever).
 */
export abstract class QueueProcessor extends WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  protected constructor(
    private readonly queueName: string,
    settings: JobWorkerSettings,
    /** How long shutdown waits for active jobs (SHUTDOWN_TIMEOUT) before closing the worker regardless. */
    private readonly closeTimeoutMs = 10_000,
  ) {
    super();
    Processor(queueName, settings)(new.target);
  }

  onApplicationBootstrap(): void {
    this.worker.on('error', errorLogger(new Logger('Jobs'), `worker:${this.queueName}`));
  }

  async beforeApplicationShutdown(): Promise<void> {
    const ready = await Promise.race([this.worker.waitUntilReady().then(() => true, () => false), delay(READY_PROBE_MS, false)]);
    const closed = this.worker.close(!ready).then(() => true);
    // Bounded: a close that waits on a Redis connection that never settles must not hold shutdown.
    if (ready && !(await Promise.race([closed, delay(this.closeTimeoutMs, false)]))) {
      new Logger('Jobs').warn({ msg: 'queue worker did not close in time; dropping its connections', queue: this.queueName, closeTimeoutMs: this.closeTimeoutMs });
      // A second close() would return the pending one; dropping the connections fails what the
      // close waits on (a QUIT queued while Redis is away, a blocking read), so it settles.
      const dropped = this.worker.disconnect().then(
        () => closed,
        () => closed,
      );
      await Promise.race([dropped, delay(DROP_WAIT_MS)]);
    }
  }
}
