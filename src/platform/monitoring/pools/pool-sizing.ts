import { type Finding, finding } from '../findings.js';
import type { PoolFigures } from './db-pool-monitor.js';

/** What the Postgres server allows and holds (pg_settings, pg_stat_activity). */
export interface PostgresServerFigures {
  version: string;
  maxConnections: number;
  /** superuser_reserved_connections: slots ordinary roles cannot take. */
  reservedConnections: number;
  /** Client connections open now, everyone's. */
  connections: number;
  /** Of them, Hotpath's (application_name hotpath*). */
  hotpathConnections: number;
}

export interface PoolSizing {
  /** Connections per process the server leaves to Hotpath, after what others hold, divided among the processes, minus each one's dedicated connections. */
  budgetPerProcess: number | null;
  /** Busy connections at peak times two plus `SPARE`, within the budget. */
  suggestedMax: number;
  findings: Finding[];
}

/** Connections kept spare above twice the busy ones, for bursts. */
export const SPARE = 2;

/**
 * Pool sizing: a pool needs about twice the connections its busy moments use (the "workers x 2"
 * rule: a connection waits on the network about as long as the server works on it) plus a
 * spare, and all processes' pools together must fit in what the server allows.
 */
export function poolSizing(pool: PoolFigures, server: PostgresServerFigures | null, processes: number, dedicated: number): PoolSizing {
  const others = server ? server.connections - server.hotpathConnections : 0;
  const budgetPerProcess = server ? Math.floor((server.maxConnections - server.reservedConnections - others) / processes) - dedicated : null;
  const demand = Math.max(2, 2 * pool.peakInUse + SPARE);
  const suggestedMax = budgetPerProcess === null ? demand : Math.max(1, Math.min(demand, budgetPerProcess));
  const findings: Finding[] = [];
  if (pool.timeouts > 0) {
    findings.push(finding('DB_POOL.EXHAUSTED', 'critical', `The pool was exhausted ${pool.timeouts} times: those requests were answered 503 DATABASE.UNAVAILABLE.`, raise(pool, suggestedMax, budgetPerProcess)));
  } else if (pool.waits > 0) {
    findings.push(finding('DB_POOL.WAITS', 'warning', `${pool.waits} of ${pool.acquisitions} queries waited for a connection (p95 acquire ${round(pool.acquireP95Ms)} ms).`, raise(pool, suggestedMax, budgetPerProcess)));
  }
  if (server) {
    const allowed = server.maxConnections - server.reservedConnections - others;
    const possible = processes * (pool.max + dedicated);
    if (possible > allowed) {
      findings.push(
        finding('DB_POOL.OVER_SERVER_LIMIT', 'critical', `${processes} processes may open ${possible} connections; the server leaves ${allowed} (max_connections ${server.maxConnections}, ${server.reservedConnections} reserved, ${others} held by others).`, `Lower DATABASE_POOL_SIZE + DATABASE_MAX_OVERFLOW to ${Math.max(1, budgetPerProcess ?? 1)} per process, raise max_connections, or put a pooler (PgBouncer, session mode) in front.`),
      );
    }
  }
  if (pool.waits === 0 && pool.acquisitions >= 100 && pool.max > 2 * suggestedMax) {
    findings.push(finding('DB_POOL.OVERSIZED', 'info', `At most ${pool.peakInUse} of ${pool.max} connections were in use at once.`, `A maximum of ${suggestedMax} would do (DATABASE_POOL_SIZE + DATABASE_MAX_OVERFLOW), leaving the server's slots to other processes.`));
  }
  if (pool.min > suggestedMax) {
    findings.push(finding('DB_POOL.IDLE_KEPT', 'info', `DATABASE_POOL_SIZE keeps ${pool.min} connections open; at most ${pool.peakInUse} were busy at once.`, `Lower DATABASE_POOL_SIZE to ${suggestedMax}: overflow connections open under load and close when idle.`));
  }
  return { budgetPerProcess, suggestedMax, findings };
}

function raise(pool: PoolFigures, suggestedMax: number, budget: number | null): string {
  if (budget !== null && pool.max >= budget) return `The pool is at the server's limit for ${budget} per process: make queries shorter, lower the number of processes, or raise max_connections (or add a pooler).`;
  const target = Math.max(suggestedMax, pool.max + SPARE);
  return `Raise DATABASE_POOL_SIZE + DATABASE_MAX_OVERFLOW towards ${budget === null ? target : Math.min(target, budget)}, or make the slowest queries shorter.`;
}

function round(value: number | null): string {
  return value === null ? '-' : String(Math.round(value * 10) / 10);
}
