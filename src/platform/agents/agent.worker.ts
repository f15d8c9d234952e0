import { workerData } from 'piscina';
import { startMarker } from './start-slots.js';
import { PING, TASK_ERROR, type WorkerMessage } from './agent-task.js';

type TaskFunction = (input: unknown) => unknown;
const loaded = new Map<string, Record<string, unknown>>();
const markStarted = startMarker((workerData as { starts: SharedArrayBuffer }).starts);

/**
 * Runs inside a worker thread: marks the task started, runs the named export, returns its value
 * or a plain error record. Hot path: a module already loaded and a synchronous function cost no
 * await.
 */
export default function runAgentTask(message: WorkerMessage): unknown {
  markStarted(message.slot);
  if (message.name === PING) return PING;
  try {
    const module = loaded.get(message.file);
    if (!module) return loadAndRun(message);
    const result = call(module, message);
    return result instanceof Promise ? result.catch(taskError) : result;
  } catch (error) {
    return taskError(error);
  }
}

async function loadAndRun(message: WorkerMessage): Promise<unknown> {
  try {
    const module = (await import(message.file)) as Record<string, unknown>;
    loaded.set(message.file, module);
    return await call(module, message);
  } catch (error) {
    return taskError(error);
  }
}

function call(module: Record<string, unknown>, message: WorkerMessage): unknown {
  const fn = module[message.name];
  if (typeof fn !== 'function') throw new Error(`${message.file} exports no function "${message.name}"`);
  return (fn as TaskFunction)(message.input);
}

function taskError(error: unknown): Record<string, { message: string; stack?: string }> {
  const e = error instanceof Error ? error : new Error(String(error));
  return { [TASK_ERROR]: { message: e.message, stack: e.stack } };
}
