import { setMaxListeners } from 'node:events';
import { cpus } from 'node:os';
import { Logger } from '@nestjs/common';
import { Piscina } from 'piscina';
import { agentTask, type AgentTask, PING, resolveWorkerModule, TASK_ERROR, type WorkerMessage } from './agent-task.js';
import type { AgentPoolSettings } from './agent-pool.settings.js';
import { AgentPoolCounters, type AgentPoolReport, summary } from './agent-pool.stats.js';
import { AgentPoolClosedError, AgentPoolSaturatedError, AgentTaskAbortedError, AgentTaskFailedError, AgentTaskTimeoutError, AgentWorkerCrashedError } from './agents.errors.js';
import { StartSlots } from './start-slots.js';
import { roundRobin } from './strategies/round-robin.js';

export interface RunOptions {
  /** Run-time limit counted from the task's start; defaults to the pool's. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** ArrayBuffers moved (not copied) into the worker; the caller loses them. */
  transferList?: ArrayBuffer[];
}

interface Running {
  slot: number;
  name: string;
  timeoutMs: number;
  timedOut: boolean;
}

const PING_TASK = { file: '', name: PING, idempotent: true } satisfies AgentTask;

/**
 * One pool of pre-warmed worker threads per process, over piscina. Adds what piscina leaves to
 * its user: a run-time limit counted from the task's start (a shared start table, checked by one
 * watchdog timer), a fast refusal when the queue is full, errors that tell a thrown task from a
 * dead worker, retries of idempotent tasks whose worker died, pings of idle workers, and stats.
 */
export class AgentPool {
  readonly counters = new AgentPoolCounters();
  /** Health pings are not tasks: their counts stay apart (a ping that fails still counts as a replaced worker). */
  private readonly pingCounters = new AgentPoolCounters();
  private readonly logger = new Logger('AgentPool');
  private readonly piscina: Piscina;
  private readonly slots: StartSlots;
  private readonly running = new Set<Running>();
  private readonly workerFile: string;
  private watchdog: NodeJS.Timeout | undefined;
  private health: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(readonly settings: AgentPoolSettings) {
    this.slots = new StartSlots(settings.maxQueue + settings.maxThreads + 64);
    this.workerFile = resolveWorkerModule(new URL('./agent.worker.js', import.meta.url));
    this.piscina = new Piscina({
      filename: this.workerFile,
      minThreads: Math.min(settings.minThreads, settings.maxThreads),
      maxThreads: settings.maxThreads,
      idleTimeout: settings.idleTimeoutMs,
      maxQueue: settings.maxQueue,
      resourceLimits: { maxOldGenerationSizeMb: settings.maxMemoryMb },
      workerData: { starts: this.slots.buffer },
      recordTiming: true,
      // 'sync' (fastest): an idle thread blocks in Atomics.wait and runs nothing, so it cannot wedge
      // between tasks; 'async': idle threads run their event loop (timers a task left behind), and
      // the health ping finds one that something left behind has wedged.
      atomics: settings.atomics,
      ...(settings.dispatch === 'round-robin' ? { loadBalancer: roundRobin() } : {}),
    });
    // A worker that dies while idle is replaced by piscina; without a listener the event would throw.
    this.piscina.on('error', (error: unknown) => {
      this.counters.workersReplaced++;
      this.logger.warn({ msg: 'agent worker died while idle; replaced', error: String(error) });
    });
    if (settings.healthIntervalMs > 0) {
      this.health = setInterval(() => void this.pingIdleWorkers(), settings.healthIntervalMs);
      this.health.unref();
    }
  }

  /** Runs one task; retries an idempotent task whose worker died, up to `retries` times. */
  async run<I, O>(task: AgentTask<I, O>, input: I, options: RunOptions = {}): Promise<O> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.runOnce(task, input, options);
      } catch (error) {
        if (!(error instanceof AgentWorkerCrashedError) || !task.idempotent || attempt >= this.settings.retries || options.transferList?.length) throw error;
        this.counters.retried++;
      }
    }
  }

  /** The task descriptor of an exported function (see `agentTask`). */
  task<I, O>(moduleUrl: URL | string, name: string, options?: { idempotent?: boolean }): AgentTask<I, O> {
    return agentTask<I, O>(moduleUrl, name, options);
  }

  /** Refusing tasks: `close()` was called. */
  get isClosed(): boolean {
    return this.closed;
  }

  report(): AgentPoolReport {
    const c = this.counters;
    const histogram = this.piscina.histogram;
    return {
      threads: { min: this.piscina.options.minThreads, max: this.piscina.maxThreads, current: this.piscina.threads.length, idle: this.piscina.idleThreads },
      utilization: Math.round(this.piscina.utilization * 1e4) / 1e4,
      queue: { depth: this.piscina.queueSize, max: this.settings.maxQueue },
      tasks: { submitted: c.submitted, completed: c.completed, failed: c.failed, timedOut: c.timedOut, aborted: c.aborted, rejectedQueueFull: c.rejectedQueueFull, retried: c.retried, inFlight: this.running.size },
      workersReplaced: c.workersReplaced,
      pingFailures: c.pingFailures,
      waitTime: summary(histogram.waitTime),
      runTime: summary(histogram.runTime),
    };
  }

  /** Refuses new tasks, lets running ones finish within `graceMs`, then stops every thread. */
  async close(graceMs = 10_000): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.health);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), graceMs)));
    try {
      if ((await Promise.race([this.piscina.close(), late])) === 'late') await this.piscina.destroy();
    } finally {
      clearTimeout(timer);
      clearInterval(this.watchdog);
    }
  }

  private async runOnce<I, O>(task: AgentTask<I, O>, input: I, options: RunOptions, counters = this.counters): Promise<O> {
    if (this.closed) throw new AgentPoolClosedError();
    if (this.piscina.queueSize >= this.settings.maxQueue && this.piscina.idleThreads === 0) {
      counters.rejectedQueueFull++;
      throw new AgentPoolSaturatedError(this.piscina.queueSize);
    }
    const slot = this.slots.take();
    if (slot === undefined) {
      counters.rejectedQueueFull++;
      throw new AgentPoolSaturatedError(this.piscina.queueSize);
    }
    const running: Running = { slot, name: task.name, timeoutMs: options.timeoutMs ?? this.settings.taskTimeoutMs, timedOut: false };
    // One caller's signal commonly covers many tasks (a map-reduce, a gather): one listener each is expected.
    if (options.signal) unlimitListeners(options.signal);
    this.running.add(running);
    counters.submitted++;
    this.armWatchdog();
    try {
      const message: WorkerMessage = { file: task.file, name: task.name, input, slot };
      // Hot path: no AbortSignal unless the caller has one (piscina charges ~10 µs per task for it); a timeout stops the thread directly.
      const result: unknown = await this.piscina.run(message, { signal: options.signal, transferList: options.transferList });
      if (result !== null && typeof result === 'object' && TASK_ERROR in result) {
        const { message: text, stack } = (result as Record<string, { message: string; stack?: string }>)[TASK_ERROR];
        throw new AgentTaskFailedError(task.name, text, stack);
      }
      counters.completed++;
      return result as O;
    } catch (error) {
      throw this.classify(error, running, counters, options.signal);
    } finally {
      this.running.delete(running);
      this.slots.release(slot);
    }
  }

  private classify(error: unknown, running: Running, counters: AgentPoolCounters, signal?: AbortSignal): Error {
    if (error instanceof AgentTaskFailedError) {
      counters.failed++;
      return error;
    }
    if (running.timedOut) {
      counters.timedOut++;
      counters.workersReplaced++;
      return new AgentTaskTimeoutError(running.name, running.timeoutMs);
    }
    if (signal?.aborted) {
      counters.aborted++;
      return new AgentTaskAbortedError(running.name, { cause: signal.reason });
    }
    if (this.closed) {
      counters.aborted++;
      return new AgentPoolClosedError();
    }
    if (error instanceof Error && error.message === 'Task queue is at limit') {
      counters.rejectedQueueFull++;
      return new AgentPoolSaturatedError(this.piscina.queueSize, { cause: error });
    }
    counters.failed++;
    counters.workersReplaced++;
    return new AgentWorkerCrashedError(running.name, { cause: error });
  }

  /** One timer while tasks run, ticking at a tenth of the shortest limit (10..250 ms). */
  private armWatchdog(): void {
    if (this.watchdog) return;
    let shortest = Infinity;
    for (const r of this.running) shortest = Math.min(shortest, r.timeoutMs);
    const every = Math.max(10, Math.min(250, Math.floor(shortest / 10)));
    this.watchdog = setInterval(() => this.checkTimeouts(), every);
    this.watchdog.unref();
  }

  private checkTimeouts(): void {
    if (this.running.size === 0) {
      clearInterval(this.watchdog);
      this.watchdog = undefined;
      return;
    }
    const now = performance.timeOrigin + performance.now();
    for (const r of this.running) {
      const started = this.slots.startedAt(r.slot);
      if (started > 0 && !r.timedOut && now - started > r.timeoutMs) {
        r.timedOut = true;
        // Its thread cannot be interrupted otherwise: stop it; piscina fails the task and starts another thread.
        const thread = this.piscina.threads.find((t) => t.threadId === this.slots.threadOf(r.slot));
        void thread?.terminate();
      }
    }
  }

  private async pingIdleWorkers(): Promise<void> {
    const idle = this.piscina.idleThreads;
    if (this.closed || idle === 0 || this.piscina.queueSize > 0) return;
    // From submission, not start: a wedged thread never starts the ping.
    const timeoutMs = Math.max(100, Math.min(5000, this.settings.healthIntervalMs / 2));
    const pings = Array.from({ length: idle }, () =>
      this.runOnce(PING_TASK, undefined, { signal: AbortSignal.timeout(timeoutMs) }, this.pingCounters).then(
        () => undefined,
        (error: unknown) => {
          if (error instanceof AgentPoolClosedError) return;
          this.counters.pingFailures++;
          this.counters.workersReplaced++;
          this.logger.warn({ msg: 'agent worker failed its health check; replaced', error: String(error) });
        },
      ),
    );
    await Promise.all(pings);
  }
}

/** The pool's default size: one thread per core. */
export function defaultMaxThreads(): number {
  return cpus().length;
}

/** Lifts the listener-count warning of a signal (Node 20 refuses it for some signals, e.g. AbortSignal.any's: those keep the warning). */
function unlimitListeners(signal: AbortSignal): void {
  try {
    setMaxListeners(0, signal);
  } catch {
    // not an EventTarget Node accepts here
  }
}
