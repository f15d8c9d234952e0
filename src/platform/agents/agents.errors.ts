import { AppError } from '../errors/index.js';

/** The pool's queue is at its bound: the caller should shed load (503), not wait. */
export class AgentPoolSaturatedError extends AppError {
  static readonly code = 'AGENTS.QUEUE_FULL';
  readonly code = AgentPoolSaturatedError.code;
  readonly kind = 'unavailable';
  constructor(queued: number, options?: { cause?: unknown }) {
    super(`The agent pool is saturated (${queued} tasks queued); try again shortly`, options);
  }
}

/** The pool is closing or closed; no task is accepted. */
export class AgentPoolClosedError extends AppError {
  static readonly code = 'AGENTS.POOL_CLOSED';
  readonly code = AgentPoolClosedError.code;
  readonly kind = 'unavailable';
  constructor() {
    super('The agent pool is shutting down');
  }
}

/** A task ran longer than its timeout (counted from when it started); its worker was replaced. */
export class AgentTaskTimeoutError extends AppError {
  static readonly code = 'AGENTS.TASK_TIMEOUT';
  readonly code = AgentTaskTimeoutError.code;
  readonly kind = 'unavailable';
  constructor(task: string, timeoutMs: number) {
    super(`Agent task ${task} ran longer than ${timeoutMs} ms and was stopped`);
  }
}

/** The caller aborted the task. */
export class AgentTaskAbortedError extends AppError {
  static readonly code = 'AGENTS.TASK_ABORTED';
  readonly code = AgentTaskAbortedError.code;
  readonly kind = 'unavailable';
  constructor(task: string, options?: { cause?: unknown }) {
    super(`Agent task ${task} was aborted`, options);
  }
}

/** The worker running the task died (crash, exit, memory limit); it was replaced. */
export class AgentWorkerCrashedError extends AppError {
  static readonly code = 'AGENTS.WORKER_CRASHED';
  readonly code = AgentWorkerCrashedError.code;
  readonly kind = 'unavailable';
  constructor(task: string, options?: { cause?: unknown }) {
    super(`The worker running agent task ${task} died: ${String((options?.cause as Error | undefined)?.message ?? options?.cause)}`, options);
  }
}

/** The task's own code threw; the worker is healthy and kept. */
export class AgentTaskFailedError extends AppError {
  static readonly code = 'AGENTS.TASK_FAILED';
  readonly code = AgentTaskFailedError.code;
  readonly kind = 'unavailable';
  constructor(task: string, message: string, stack?: string) {
    super(`Agent task ${task} failed: ${message}`);
    if (stack) this.stack = `${this.name}: ${this.message}\n  in worker: ${stack}`;
  }
}

/** No process runs an agent pool: this one is API-only and no worker has reported one lately. */
export class NoAgentPoolError extends AppError {
  static readonly code = 'AGENTS.NO_POOL';
  readonly code = NoAgentPoolError.code;
  readonly kind = 'unavailable';
  constructor() {
    super('No process runs an agent pool: this one is API-only (PROCESS_ROLE=api) and no worker has reported its pool in the last seconds; start one with npm run start:worker');
  }
}
