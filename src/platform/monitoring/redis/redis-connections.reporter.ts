import { Inject, Injectable } from '@nestjs/common';
import { trackedConnections } from '../../redis/index.js';
import type { Finding } from '../findings.js';
import { MONITORING_CLOCK } from '../monitoring.constants.js';
import { MONITORING_OPTIONS } from '../monitoring.module-definition.js';
import type { MonitoringModuleOptions } from '../monitoring.options.js';
import { groupClients } from './client-list.js';
import { connectionFindings, type ProcessConnection, type ServerConnections } from './connection-advice.js';
import { RedisServerReader } from './redis-server.reader.js';

export interface RedisConnectionsReport {
  generatedAt: string;
  /** This process's connections, and how many of each role. */
  process: { connections: ProcessConnection[]; byRole: Record<string, number> };
  /** Every client of the server, grouped by connection name; null when Redis did not answer. */
  server: ServerConnections | null;
  findings: Finding[];
  advice: string[];
}

/** `GET /admin/monitoring/redis/connections`: how this process and the server's clients use their connections, with advice. */
@Injectable()
export class RedisConnectionsReporter {
  constructor(
    @Inject(MONITORING_OPTIONS) private readonly options: MonitoringModuleOptions,
    @Inject(MONITORING_CLOCK) private readonly clock: () => number,
    private readonly reader: RedisServerReader,
  ) {}

  async report(): Promise<RedisConnectionsReport> {
    const connections = trackedConnections().map(({ client, name, role, sent, failed, reconnects }) => {
      const queued = (client as unknown as { commandQueue?: { length?: unknown } }).commandQueue?.length;
      return { name, role, status: client.status, sent, failed, reconnects, inFlight: typeof queued === 'number' ? queued : null };
    });
    const byRole: Record<string, number> = {};
    for (const connection of connections) byRole[connection.role] = (byRole[connection.role] ?? 0) + 1;
    const server = await this.server();
    const findings = connectionFindings(connections, server, this.options.thresholds.redisClientsUse);
    return { generatedAt: new Date(this.clock()).toISOString(), process: { connections, byRole }, server, findings, advice: [...new Set(findings.map((f) => f.recommendation))] };
  }

  private async server(): Promise<ServerConnections | null> {
    try {
      const [figures, clients] = await Promise.all([this.reader.read(), this.reader.clients()]);
      return { connected: figures.clients.connected, max: figures.clients.max, use: figures.clients.use, blocked: figures.clients.blocked, rejected: figures.stats.rejectedConnections, groups: groupClients(clients).slice(0, 50) };
    } catch {
      return null;
    }
  }
}
