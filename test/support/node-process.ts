import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The built entry points (`npm test` builds them first). */
export const API_ENTRY = 'dist/src/main.js';
export const WORKER_ENTRY = 'dist/src/worker.js';

export interface NodeProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

/** Fails a suite at once, with what to do, when an entry point was not built. */
export function requireBuilt(...entries: string[]): void {
  const missing = entries.filter((entry) => !existsSync(entry));
  if (missing.length) throw new Error(`${missing.join(' and ')} missing: run "npm run build" first (npm test does)`);
}

/** Runs a built entry point as operators do, collecting what it prints. */
export function startNode(entry: string, env: Record<string, string>): NodeProcess {
  let output = '';
  const child = spawn(process.execPath, [entry], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}
