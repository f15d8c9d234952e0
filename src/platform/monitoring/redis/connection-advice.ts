import type { Thresholds } from '../alerts/thresholds.js';
import { type Finding, finding } from '../findings.js';
import type { ClientGroup } from './client-list.js';

export interface ProcessConnection {
  name: string;
  role: string;
  status: string;
  /** Commands sent since the connection was made (while monitoring ran). */
  sent: number;
  failed: number;
  reconnects: number;
  /** Commands written and waiting for their reply. */
  inFlight: number | null;
}

export interface ServerConnections {
  connected: number | null;
  max: number | null;
  use: number | null;
  blocked: number | null;
  rejected: number | null;
  groups: ClientGroup[];
}

/** A backlog of replies this long on one connection means Redis, or the network, is behind. */
const BACKLOG = 1000;

/** Advice on how this process and the server's clients use their connections. */
export function connectionFindings(own: readonly ProcessConnection[], server: ServerConnections | null, levels: Thresholds['redisClientsUse']): Finding[] {
  const findings: Finding[] = [];
  if (server?.use !== null && server?.use !== undefined && server.use > levels.warning) {
    const severity = server.use > levels.critical ? 'critical' : 'warning';
    findings.push(finding('REDIS_CONNECTIONS.NEAR_LIMIT', severity, `${server.connected} of ${server.max} client connections are in use.`, 'Raise maxclients, or run fewer processes per Redis; each Hotpath process holds a handful (see process.connections).'));
  }
  if ((server?.rejected ?? 0) > 0) findings.push(finding('REDIS_CONNECTIONS.REJECTED', 'critical', `Redis refused ${server?.rejected} connections since it started.`, 'Raise maxclients: a refused connection is a process without its cache, queue or consumer.'));
  const unnamed = server?.groups.find((g) => g.name === '(unnamed)');
  if (unnamed && unnamed.connections >= 10) findings.push(finding('REDIS_CONNECTIONS.UNNAMED', 'info', `${unnamed.connections} connections have no name: not Hotpath's (it names every connection it makes).`, 'Find their owners (CLIENT LIST shows their addresses); leaked connections of another application count against maxclients.'));
  for (const connection of own) {
    if (connection.reconnects > 0) findings.push(finding('REDIS_CONNECTIONS.RECONNECTS', 'warning', `${connection.name} (${connection.role}) reconnected ${connection.reconnects} times.`, 'Redis restarted or the network dropped connections; check its uptime and the network between them.'));
    if ((connection.inFlight ?? 0) > BACKLOG) findings.push(finding('REDIS_CONNECTIONS.BACKLOG', 'warning', `${connection.inFlight} commands wait for their reply on ${connection.name}.`, 'Redis or the network is behind the load: see the performance report for slow commands and latency.'));
  }
  if ((server?.blocked ?? 0) > 0) {
    findings.push(finding('REDIS_CONNECTIONS.BLOCKED', 'info', `${server?.blocked} clients are blocked waiting for data.`, "Expected: each event consumer group waits in XREADGROUP BLOCK and each BullMQ worker in BZPOPMIN, on connections of their own; they are not slow commands."));
  }
  return findings;
}
