import type { AgentPool } from '../agent-pool.js';
import type { AgentTask } from '../agent-task.js';

export interface GatherResult<O> {
  /** What each agent that finished in time returned. */
  results: Record<string, O>;
  /** Agents still running (or queued) at the deadline; they were stopped. */
  timedOut: string[];
  /** Agents that failed, with the error's message. */
  failed: Record<string, { code?: string; message: string }>;
}

/**
 * Sends the same input to every agent at once and gathers what finished within `timeoutMs`
 * (wall time from the call): a slow agent costs the caller the deadline, never more.
 */
export async function scatterGather<I, O>(pool: AgentPool, agents: Record<string, AgentTask<I, O>>, input: I, options: { timeoutMs: number; signal?: AbortSignal }): Promise<GatherResult<O>> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new Error('scatter-gather deadline')), options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([deadline.signal, options.signal]) : deadline.signal;
  const gathered: GatherResult<O> = { results: {}, timedOut: [], failed: {} };
  try {
    await Promise.all(
      Object.entries(agents).map(([name, task]) =>
        pool.run(task, input, { signal }).then(
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
