import { Inject, Injectable, type OnApplicationShutdown, Optional } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS_CLIENT } from '../../redis/index.js';
import { type CheckOutcome, timedCheck } from '../checks/check-outcome.js';
import { PostgresCheck } from '../checks/postgres.check.js';
import { checkRedis } from '../checks/redis.check.js';
import { HEALTH_OPTIONS } from '../health.module-definition.js';
import { DEFAULT_CHECK_TIMEOUT_MS, type HealthModuleOptions } from '../health.options.js';
import { ReadinessIndicatorsExplorer } from './readiness-indicators.explorer.js';

/** The body of `/health/ready`, in @nestjs/terminus's shape: `status`, the `info` of what is up, the `error` of what is down, and all `details`. */
export interface ReadinessReport<Part = CheckOutcome> {
  status: 'ok' | 'error';
  info: Record<string, Part>;
  error: Record<string, Part>;
  details: Record<string, Part>;
}

export type PartState = Pick<CheckOutcome, 'status'>;

/** The report with each part's status and nothing else. */
export function statesOnly(report: ReadinessReport): ReadinessReport<PartState> {
  const strip = (parts: Record<string, CheckOutcome>) => Object.fromEntries(Object.entries(parts).map(([name, outcome]) => [name, { status: outcome.status }]));
  return { status: report.status, info: strip(report.info), error: strip(report.error), details: strip(report.details) };
}

/**
 * The process's readiness: Postgres (on the check's own connection), Redis (the shared
 * connection), and every `@ReadinessIndicator` of the app (the worker role's relay, consumers
 * and agent pool), all at once, each within the check timeout. `/health/ready` serves it; a
 * process that serves health elsewhere (the worker, on its metrics port) calls `check()`.
 */
@Injectable()
export class ReadinessService implements OnApplicationShutdown {
  private readonly timeoutMs: number;
  readonly postgres: PostgresCheck | undefined;

  constructor(
    @Inject(HEALTH_OPTIONS) options: HealthModuleOptions,
    private readonly explorer: ReadinessIndicatorsExplorer,
    @Optional() @Inject(REDIS_CLIENT) readonly redis?: Redis,
  ) {
    this.timeoutMs = options.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
    this.postgres = options.database ? new PostgresCheck(options.database.url, this.timeoutMs) : undefined;
  }

  async check(): Promise<ReadinessReport> {
    const checks: [string, () => Promise<Record<string, unknown>> | Record<string, unknown>][] = [];
    const { postgres, redis } = this;
    if (postgres) checks.push(['database', () => postgres.check()]);
    if (redis) checks.push(['redis', () => checkRedis(redis, this.timeoutMs)]);
    for (const { name, provider } of this.explorer.indicators) checks.push([name, () => provider.readiness()]);
    const outcomes = await Promise.all(checks.map(async ([name, run]) => [name, await timedCheck(run, this.timeoutMs)] as const));
    const details = Object.fromEntries(outcomes);
    const info = Object.fromEntries(outcomes.filter(([, outcome]) => outcome.status === 'up'));
    const error = Object.fromEntries(outcomes.filter(([, outcome]) => outcome.status === 'down'));
    return { status: Object.keys(error).length === 0 ? 'ok' : 'error', info, error, details };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.postgres?.close();
  }
}
