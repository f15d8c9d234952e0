import { Inject, Injectable } from '@nestjs/common';
import { AlertsService } from '../alerts/alerts.service.js';
import type { RuleState } from '../alerts/alert-states.js';
import { WINDOW_MINUTES } from '../alerts/signals.collector.js';
import type { Finding } from '../findings.js';
import { MONITORING_OPTIONS } from '../monitoring.module-definition.js';
import type { MonitoringModuleOptions } from '../monitoring.options.js';
import { type MinuteFigures, RedisCommandStats, type WindowFigures } from './command-stats.js';
import type { CommandFigures } from './recent-commands.js';
import type { RedisServerFigures } from './redis-server-figures.js';
import { RedisServerReader } from './redis-server.reader.js';
import { scoreRedis } from './redis-score.js';

export interface RedisPerformanceReport {
  generatedAt: string;
  /** 0-100 (see docs/operations.md). */
  healthScore: number;
  status: 'healthy' | 'degraded' | 'unhealthy';
  findings: Finding[];
  recommendations: string[];
  /** This process's commands, timed on the client. */
  client: {
    slowCommandMs: number;
    lastFiveMinutes: WindowFigures;
    /** The last 1,000 operations, per command and connection role. */
    recent: CommandFigures[];
    /** The last hour, per command and connection role. */
    lastHour: CommandFigures[];
    perMinute: MinuteFigures[];
  };
  /** Null when Redis did not answer. */
  server: RedisServerFigures | null;
  rules: RuleState[];
}

const REDIS_RULES = new Set(['HotpathRedisSlowCommands', 'HotpathRedisErrorRate', 'HotpathRedisLatencyP95', 'HotpathRedisMemory', 'HotpathRedisClients']);

/** `GET /admin/monitoring/redis/performance`: a health score with findings and recommendations, over client timing and server figures. */
@Injectable()
export class RedisPerformanceReporter {
  constructor(
    @Inject(MONITORING_OPTIONS) private readonly options: MonitoringModuleOptions,
    private readonly alerts: AlertsService,
    private readonly commands: RedisCommandStats,
    private readonly server: RedisServerReader,
  ) {}

  async report(): Promise<RedisPerformanceReport> {
    const { at, rules, collected } = await this.alerts.evaluate();
    const redisRules = rules.filter((rule) => REDIS_RULES.has(rule.name));
    const score = scoreRedis({ server: collected.server, rules: redisRules, holdsStreamsAndQueues: this.options.redisHoldsStreamsAndQueues, slowlogRecent: this.server.slowlog.arrivedWithin(WINDOW_MINUTES * 60_000) });
    return {
      generatedAt: new Date(at).toISOString(),
      ...score,
      client: {
        slowCommandMs: this.options.slowCommandMs,
        lastFiveMinutes: this.commands.window(WINDOW_MINUTES),
        recent: byVolume(this.commands.recent.figures()),
        lastHour: byVolume(this.commands.byCommand()),
        perMinute: this.commands.perMinute(),
      },
      server: collected.server,
      rules: redisRules,
    };
  }
}

function byVolume(figures: CommandFigures[]): CommandFigures[] {
  return figures.sort((a, b) => b.count - a.count || a.command.localeCompare(b.command));
}
