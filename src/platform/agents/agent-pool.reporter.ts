import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { hostname } from 'node:os';
import { AppConfig } from '../../config/index.js';
import { REDIS_CLIENT } from '../redis/index.js';
import { AgentPool } from './agent-pool.js';
import type { AgentPoolReport } from './agent-pool.stats.js';

/** How often each process with a pool publishes its report. */
export const AGENT_REPORT_EVERY_MS = 2000;
/** A report older than this is from a process that stopped (or cannot reach Redis): not shown. */
const STALE_AFTER_MS = 3 * AGENT_REPORT_EVERY_MS;

export interface ProcessAgentPoolReport extends AgentPoolReport {
  /** `hostname-pid` of the process running the pool. */
  process: string;
  /** When the process published it (ISO). */
  reportedAt: string;
}

export const THIS_PROCESS = `${hostname()}-${process.pid}`;

const reportsKey = (keyPrefix: string) => `${keyPrefix}:agents:reports`;

/** This process's pool report, stamped with the process and the time. */
export function processReport(pool: AgentPool): ProcessAgentPoolReport {
  return { process: THIS_PROCESS, reportedAt: new Date().toISOString(), ...pool.report() };
}

/**
 * Publishes this process's pool report to Redis every `AGENT_REPORT_EVERY_MS` (one hash field
 * per process), so `GET /admin/agents` on an API process, which runs no pool, shows the
 * workers' pools. Removed on shutdown; a report left by a killed process goes stale and is
 * dropped by the next reader.
 */
@Injectable()
export class AgentPoolReporter implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AgentPoolReporter');
  private timer: NodeJS.Timeout | undefined;
  private failing = false;

  constructor(
    private readonly pool: AgentPool,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    void this.publish();
    this.timer = setInterval(() => void this.publish(), AGENT_REPORT_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.redis.hdel(reportsKey(this.config.redis.keyPrefix), THIS_PROCESS).catch(() => undefined);
  }

  private async publish(): Promise<void> {
    try {
      await this.redis.hset(reportsKey(this.config.redis.keyPrefix), THIS_PROCESS, JSON.stringify(processReport(this.pool)));
      this.failing = false;
    } catch (error) {
      // Logged once per outage; the next tick tries again.
      if (!this.failing) this.logger.warn({ msg: 'agent pool report not published', error: String(error) });
      this.failing = true;
    }
  }
}

/** The fresh reports of every process with a pool, by process name; stale ones are removed. */
export async function readAgentPoolReports(redis: Redis, keyPrefix: string, now = Date.now()): Promise<ProcessAgentPoolReport[]> {
  const key = reportsKey(keyPrefix);
  const fields = await redis.hgetall(key);
  const fresh: ProcessAgentPoolReport[] = [];
  const stale: string[] = [];
  for (const [process, json] of Object.entries(fields)) {
    const report = JSON.parse(json) as ProcessAgentPoolReport;
    if (now - Date.parse(report.reportedAt) > STALE_AFTER_MS) stale.push(process);
    else fresh.push(report);
  }
  if (stale.length) await redis.hdel(key, ...stale);
  return fresh.sort((a, b) => a.process.localeCompare(b.process));
}
