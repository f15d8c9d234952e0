import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';

let loaded = false;

/** Loads `.env` from the working directory into `process.env` once, if the file exists; variables already set win. */
export function loadDotEnv(path = resolve('.env'), env: NodeJS.ProcessEnv = process.env): void {
  if (loaded) return;
  loaded = true;
  if (!existsSync(path)) return;
  for (const [name, value] of Object.entries(parseEnv(readFileSync(path, 'utf8')))) env[name] ??= value;
}
