import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** A function that runs in the agent pool: an exported function of a JavaScript module. */
export interface AgentTask<I = unknown, O = unknown> {
  /** file:// URL of the module, as worker threads load it. */
  readonly file: string;
  /** The exported function's name; also the task's name in errors and stats. */
  readonly name: string;
  /** Safe to run again after its worker died (pure, no side effects). */
  readonly idempotent: boolean;
  /** Phantom types: what the function takes and returns. */
  readonly _types?: { input: I; output: O };
}

/**
 * Names an exported function of a module for the pool. Worker threads run JavaScript: when the
 * module is TypeScript source (tests run from src/), its built copy under dist/ is used.
 */
export function agentTask<I, O>(moduleUrl: URL | string, name: string, options: { idempotent?: boolean } = {}): AgentTask<I, O> {
  return { file: resolveWorkerModule(moduleUrl), name, idempotent: options.idempotent ?? false };
}

export function resolveWorkerModule(moduleUrl: URL | string): string {
  const path = fileURLToPath(moduleUrl);
  if (existsSync(path)) return pathToFileURL(path).href;
  const at = path.lastIndexOf('/src/');
  const built = at < 0 ? path : `${path.slice(0, at)}/dist${path.slice(at)}`;
  if (!existsSync(built)) throw new Error(`Agent module ${path} not found (nor its build ${built}: run npm run build)`);
  return pathToFileURL(built).href;
}

/** What the pool posts to a worker for one task. */
export interface WorkerMessage {
  file: string;
  name: string;
  input: unknown;
  slot: number;
}

/** The worker returns task errors as this plain record, so a thrown task is told apart from a dead worker. */
export const TASK_ERROR = '__hotpathAgentTaskError__';
export const PING = '__hotpathAgentPing__';
