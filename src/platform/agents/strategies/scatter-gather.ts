import type { AgentPool } from '../agent-pool.js';
import type { AgentTask } from '../agent-task.js';

export interface GatherResult<O> {
  /** What each call that finished in time returned. */
  results: Record<string, O>;
  /** Calls still running (or queued) at the deadline; they were aborted. */
  timedOut: string[];
  /** Calls that failed, with the error's code and message. */
  failed: Record<string, { code?: string; message: string }>;
}

/**
 * Starts every call at once and gathers what finished within `timeoutMs` (wall time from the
 * call); the others get an aborted signal. A slow call costs the caller the deadline, never more.
 */
export async function gather<O>(calls: Record<string, (signal: AbortSignal) => Promise<O>>, options: { timeoutMs: number; signal?: AbortSignal }): Promise<GatherResult<O>> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new Error('scatter-gather deadline')), options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([deadline.signal, options.signal]) : deadline.signal;
  const gathered: GatherResult<O> = { results: {}, timedOut: [], failed: {} };
  try {
    await Promise.all(
      Object.entries(calls).map(([name, call]) =>
        call(signal).then(
          (output) => void (gathered.results[name] = output),
          (error: unknown) => {
            if (deadline.signal.aborted) gathered.timedOut.push(name);
            else gathered.failed[name] = { code: (error as { code?: string }).code, message: error instanceof Error ? error.message : String(error) };
          },
        ),
      ),
    );
  } finally {
    clearTimeout(timer);
  }
  gathered.timedOut.sort();
  return gathered;
}

/** The same input to every agent on the pool at once; what finished within `timeoutMs` (see `gather`). */
export function scatterGather<I, O>(pool: AgentPool, agents: Record<string, AgentTask<I, O>>, input: I, options: { timeoutMs: number; signal?: AbortSignal }): Promise<GatherResult<O>> {
  return gather(
    Object.fromEntries(Object.entries(agents).map(([name, task]) => [name, (signal: AbortSignal) => pool.run(task, input, { signal })])),
    options,
  );
}
