import { workerData } from 'piscina';
import { markStarted } from './start-slots.js';
import { PING, TASK_ERROR, type WorkerMessage } from './agent-task.js';

type TaskFunction = (input: unknown) => unknown;
const modules = new Map<string, Promise<Record<string, unknown>>>();
const starts = (workerData as { starts: SharedArrayBuffer }).starts;

/** Runs inside a worker thread: marks the task started, runs the named export, returns its value or a plain error record. */
export default async function runAgentTask(message: WorkerMessage): Promise<unknown> {
  markStarted(starts, message.slot);
  if (message.name === PING) return PING;
  try {
    let loading = modules.get(message.file);
    if (!loading) modules.set(message.file, (loading = import(message.file) as Promise<Record<string, unknown>>));
    const fn = (await loading)[message.name];
    if (typeof fn !== 'function') throw new Error(`${message.file} exports no function "${message.name}"`);
    return await (fn as TaskFunction)(message.input);
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    return { [TASK_ERROR]: { message: e.message, stack: e.stack } };
  }
}
