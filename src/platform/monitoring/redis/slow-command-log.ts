import { Logger } from '@nestjs/common';

/** One line per command and role at most this often, however many are slow. */
const LOG_EVERY_MS = 1000;

interface Pending {
  loggedAt: number;
  since: number;
  worstMs: number;
}

/**
 * Logs slow Redis commands by name and connection role, never their arguments (they hold keys
 * and values). A slow Redis makes every command slow: one line per command and role per second
 * carries how many were slow since the previous line and the worst of them.
 */
export class SlowCommandLog {
  private readonly logger = new Logger('RedisMonitor');
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly slowMs: number,
    private readonly clock: () => number,
  ) {}

  note(command: string, role: string, durationMs: number): void {
    const key = `${role} ${command}`;
    const now = this.clock();
    let entry = this.pending.get(key);
    if (!entry) this.pending.set(key, (entry = { loggedAt: -Infinity, since: 0, worstMs: 0 }));
    entry.since++;
    if (durationMs > entry.worstMs) entry.worstMs = durationMs;
    if (now - entry.loggedAt < LOG_EVERY_MS) return;
    this.logger.warn({ msg: 'slow redis command', command, role, slowMs: this.slowMs, count: entry.since, worstMs: Math.round(entry.worstMs * 100) / 100 });
    entry.loggedAt = now;
    entry.since = 0;
    entry.worstMs = 0;
  }
}
