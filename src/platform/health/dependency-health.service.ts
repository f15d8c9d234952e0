import { Inject, Injectable } from '@nestjs/common';
import { parseInfoServer } from './checks/redis-server-info.js';
import type { CheckOutcome } from './checks/check-outcome.js';
import { withTimeout } from './checks/check-outcome.js';
import { HEALTH_OPTIONS } from './health.module-definition.js';
import { DEFAULT_CHECK_TIMEOUT_MS, type HealthModuleOptions } from './health.options.js';
import { ReadinessService } from './readiness/readiness.service.js';

export interface DependencyHealthReport {
  status: 'ok' | 'error';
  checkedAt: string;
  process: { pid: number; node: string; uptimeSeconds: number; rssBytes: number; heapUsedBytes: number };
  /** Every dependency and indicator with its status, check time, version where it has one, and details. */
  dependencies: Record<string, CheckOutcome>;
}

/** `GET /admin/health`: readiness in detail, with the servers' versions (Redis's from INFO server, within the check timeout). */
@Injectable()
export class DependencyHealthService {
  private readonly timeoutMs: number;

  constructor(
    private readonly readiness: ReadinessService,
    @Inject(HEALTH_OPTIONS) options: HealthModuleOptions,
  ) {
    this.timeoutMs = options.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  }

  async report(): Promise<DependencyHealthReport> {
    const [ready, redisServer] = await Promise.all([this.readiness.check(), this.redisServer()]);
    const dependencies = { ...ready.details };
    if (dependencies.redis && redisServer) dependencies.redis = { ...dependencies.redis, ...redisServer };
    const memory = process.memoryUsage();
    return {
      status: ready.status,
      checkedAt: new Date().toISOString(),
      process: { pid: process.pid, node: process.version, uptimeSeconds: Math.round(process.uptime()), rssBytes: memory.rss, heapUsedBytes: memory.heapUsed },
      dependencies,
    };
  }

  private async redisServer(): Promise<Record<string, unknown> | undefined> {
    const redis = this.readiness.redis;
    if (!redis || redis.status !== 'ready') return undefined;
    try {
      return parseInfoServer(await withTimeout(redis.info('server'), this.timeoutMs));
    } catch {
      return undefined;
    }
  }
}
