/** One dependency's check: up or down, how long it took, and what it reported. */
export interface CheckOutcome {
  status: 'up' | 'down';
  durationMs: number;
  [detail: string]: unknown;
}

export class CheckTimeoutError extends Error {}

/** Rejects with `CheckTimeoutError` after `ms`; the timer does not keep the process alive. */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimeoutError(`no answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Runs a check under a timeout: a check that throws or times out is down, with the reason. */
export async function timedCheck(run: () => Promise<Record<string, unknown> & { ready?: boolean }> | (Record<string, unknown> & { ready?: boolean }), timeoutMs: number): Promise<CheckOutcome> {
  const started = performance.now();
  const duration = () => Math.round((performance.now() - started) * 100) / 100;
  try {
    const { ready, ...details } = await withTimeout(Promise.resolve().then(run), timeoutMs);
    return { status: ready === false ? 'down' : 'up', durationMs: duration(), ...details };
  } catch (error) {
    return { status: 'down', durationMs: duration(), error: error instanceof Error ? error.message : String(error) };
  }
}
