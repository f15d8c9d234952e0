import { AppConfig } from './config/index.js';
import { EventsModule, EventStreamsInspector } from './platform/events/index.js';
import { HealthModule } from './platform/health/index.js';
import { JobsStatsService } from './platform/jobs/index.js';
import { MonitoringModule, type PipelineFigures } from './platform/monitoring/index.js';

/** The alert rules read the streams' lag often; the streams themselves are listed (a SCAN of the keyspace) at most this often. */
const STREAMS_LISTED_WITHIN_MS = 300_000;

/** Routes whose timings say nothing about what caching would gain. */
const UNTIMED_ROUTES = ['/health', '/admin', '/docs', '/metrics'];

/** Postgres connections a process keeps besides its pool: the health check's, and in the worker role the relay's and one per running investigation. */
function dedicatedDbConnections(config: AppConfig): number {
  return 1 + (config.role.worker ? 1 + config.jobs.concurrency.investigations : 0);
}

/** The event pipeline's figures for the alert rules: the most lagging group, the outbox's oldest row, jobs waiting per queue. */
async function pipelineFigures(streams: EventStreamsInspector, jobs: JobsStatsService): Promise<PipelineFigures> {
  const [report, counts] = await Promise.all([streams.report({ streamsListedWithinMs: STREAMS_LISTED_WITHIN_MS }), jobs.counts()]);
  const lags = report.streams.flatMap((stream) => stream.groups.map((group) => group.lag)).filter((lag): lag is number => lag !== null);
  return {
    consumerLag: lags.length ? Math.max(...lags) : 0,
    outboxAgeSeconds: report.outbox.oldestUnpublishedAgeSeconds ?? 0,
    queueDepth: Object.fromEntries(Object.entries(counts).map(([queue, states]) => [queue, states.waiting + states.prioritized])),
  };
}

/**
 * The monitoring module's options from the configuration. Processes sharing the Postgres
 * server: this configuration's API processes, plus one worker process (or none when every
 * process runs both roles); instances started elsewhere are not known here.
 */
export const monitoringModule = () =>
  MonitoringModule.forRootAsync({
    imports: [EventsModule],
    inject: [AppConfig, EventStreamsInspector, JobsStatsService],
    useFactory: (config: AppConfig, streams: EventStreamsInspector, jobs: JobsStatsService) => ({
      slowCommandMs: config.monitoring.slowCommandMs,
      intervalMs: config.monitoring.intervalMs,
      alertForMs: config.monitoring.alertForMs,
      thresholds: config.monitoring.thresholds,
      redisHoldsStreamsAndQueues: true,
      processes: config.server.workers + (config.role.name === 'all' ? 0 : 1),
      dedicatedDbConnections: dedicatedDbConnections(config),
      pipeline: () => pipelineFigures(streams, jobs),
      timedRoute: (url: string) => !UNTIMED_ROUTES.some((prefix) => url === prefix || url.startsWith(`${prefix}/`)),
    }),
  });

/** Readiness checks Postgres on its own connection, within the Redis command timeout. */
export const healthModule = () =>
  HealthModule.forRootAsync({
    inject: [AppConfig],
    useFactory: (config: AppConfig) => ({ database: { url: config.database.url }, checkTimeoutMs: Math.min(1500, config.redis.commandTimeoutMs) }),
  });
