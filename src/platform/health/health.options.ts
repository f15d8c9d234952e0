export interface HealthModuleOptions {
  /** Postgres to check, on a connection of the check's own (never the pool's, which may be exhausted). */
  database?: { url: string };
  /** A check that takes longer than this fails; 1,500 ms by default. */
  checkTimeoutMs?: number;
}

export const DEFAULT_CHECK_TIMEOUT_MS = 1500;
