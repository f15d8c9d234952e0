/** A SLOWLOG entry as reported: the command's name only, never its arguments (they hold keys and values). */
export interface SlowlogEntry {
  id: number;
  /** When Redis logged it, ISO 8601 (the server's clock). */
  at: string;
  durationMs: number;
  command: string;
  /** The connection name of the client that sent it. */
  client: string;
}

/** Entries asked for per read; more new ones than this between two reads are not all seen. */
export const SLOWLOG_BATCH = 128;
const KEPT = 50;

/**
 * Reads SLOWLOG incrementally: remembers the newest id seen, so each read yields only the
 * entries logged since the previous one (all of them after a SLOWLOG RESET or a restart, when
 * ids go back). Keeps the newest entries and when they arrived by this process's clock.
 */
export class SlowlogReader {
  private lastId: number | undefined;
  private kept: SlowlogEntry[] = [];
  private readonly arrivals: { at: number; count: number }[] = [];

  constructor(private readonly clock: () => number) {}

  /** Feeds one `SLOWLOG GET` reply (newest first); returns the entries not seen before, newest first. */
  ingest(reply: unknown): SlowlogEntry[] {
    const entries = (Array.isArray(reply) ? reply : []).map(toEntry).filter((entry): entry is SlowlogEntry => entry !== undefined);
    const newest = entries[0]?.id;
    const first = this.lastId === undefined;
    const fresh = this.lastId === undefined || newest === undefined || newest < this.lastId ? entries : entries.filter((entry) => entry.id > (this.lastId as number));
    if (newest !== undefined) this.lastId = newest;
    this.kept = [...fresh, ...this.kept].slice(0, KEPT);
    const now = this.clock();
    this.arrivals.push({ at: now, count: first ? 0 : fresh.length });
    while (this.arrivals.length > 0 && now - this.arrivals[0].at > 3_600_000) this.arrivals.shift();
    return fresh;
  }

  /** The newest entries read, newest first. */
  recent(): SlowlogEntry[] {
    return [...this.kept];
  }

  /** Entries that arrived in reads within the last `ms`; what the log held at the first read is history, not arrivals. */
  arrivedWithin(ms: number): number {
    const since = this.clock() - ms;
    return this.arrivals.filter((arrival) => arrival.at >= since).reduce((sum, arrival) => sum + arrival.count, 0);
  }
}

function toEntry(raw: unknown): SlowlogEntry | undefined {
  if (!Array.isArray(raw) || raw.length < 4) return undefined;
  const [id, seconds, micros, args, , client] = raw as [unknown, unknown, unknown, unknown, unknown, unknown];
  const name = Array.isArray(args) ? String(args[0] ?? '').toLowerCase() : '';
  return { id: Number(id), at: new Date(Number(seconds) * 1000).toISOString(), durationMs: Number(micros) / 1000, command: name, client: typeof client === 'string' ? client : '' };
}
