/** A bad command line: the script prints it with its usage and exits 2. */
export class UsageError extends Error {}

/** `--name` as an integer in 1..max, `fallback` when absent. */
export function positiveInt(name: string, raw: string | undefined, fallback: number, max: number): number;
export function positiveInt(name: string, raw: string | undefined, fallback: undefined, max: number): number | undefined;
export function positiveInt(name: string, raw: string | undefined, fallback: number | undefined, max: number): number | undefined {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max) throw new UsageError(`--${name} must be an integer between 1 and ${max}, got "${raw}"`);
  return Number(raw);
}

/**
 * Runs a script's `main`: a failure prints its message (no stack) and exits 1; with `usage`,
 * a `UsageError` or an argument `parseArgs` refused prints the message and the usage and exits 2.
 */
export function runCli(main: () => Promise<void>, usage?: string): void {
  main().catch((error: unknown) => {
    if (usage !== undefined && (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))) {
      console.error(`${(error as Error).message}\n${usage}`);
      process.exit(2);
    }
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
