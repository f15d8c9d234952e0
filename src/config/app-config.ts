import { cpus } from 'node:os';
import { type ConfigValues } from './config.schema.js';

import { loadDotEnv } from './dot-env.js';
import { type Env, loadConfig } from './load-config.js';

/** The one typed view of Hotpath's configuration; nothing else reads `process.env`. */
export class AppConfig {
  readonly env: ConfigValues['NODE_ENV'];
  /** api: HTTP only (plus the cache-warm queue, see README); worker: processors and relay; all: both. */
  readonly role: { name: ConfigValues['PROCESS_ROLE']; api: boolean; worker: boolean };
  readonly server: { host: string; port: number; workers: number };
  readonly database: {
    url: string;
    poolSize: number;
    maxOverflow: number;
    acquireTimeoutMs: number;
    idleTimeoutMs: number;
    statementTimeoutMs: number;
    /** The statement timeout of API-role processes, whose queries are the public's. */
    publicStatementTimeoutMs: number;
    slowQueryMs: number;
  };
  readonly redis: { url: string; keyPrefix: string; connectTimeoutMs: number; commandTimeoutMs: number };
  readonly cache: { enabled: boolean; preRouter: boolean; ttlSeconds: number; namespaceTtlSeconds: Record<string, number>; l1MaxItems: number; l1MaxBytes: number; earlyRefreshBeta: number; graceSeconds: number; softTimeoutMs: number; lockTtlMs: number; warmOnStart: boolean; warmIntervalSeconds: number };
  readonly events: {
    streamShards: number;
    outboxPollMs: number;
    outboxBatch: number;
    outboxRetentionSeconds: number;
    outboxCleanupBatch: number;
    consumer: { batch: number; blockMs: number; maxInFlight: number; concurrency: number; handlerTimeoutMs: number; maxDeliveries: number; retryBaseMs: number; retryMaxMs: number; reclaimIntervalMs: number };
  };
  /** The agent pool (src/platform/agents). */
  readonly agents: {
    /** Threads started up front and kept (pre-warmed). */
    minThreads: number;
    maxThreads: number;
    /** A thread above `minThreads` idle this long is stopped. */
    idleTimeoutMs: number;
    /** Tasks waiting for a thread; one more is refused at once (503). */
    maxQueue: number;
    /** Default run-time limit of a task, counted from when it starts. */
    taskTimeoutMs: number;
    /** Old-generation heap limit of each thread; a thread over it dies and is replaced. */
    maxMemoryMb: number;
    /** How often idle threads are pinged (0 = never); a thread that does not answer is replaced. */
    healthIntervalMs: number;
    /** Which idle thread takes the next task: piscina's first idle one, or each in turn. */
    dispatch: 'least-busy' | 'round-robin';
    /** How idle threads wait for work: blocked (sync) or with their event loop running (async). */
    atomics: 'sync' | 'async';
    /** Runs again of an idempotent task whose worker died. */
    retries: number;
  };
  readonly jobs: {
    concurrency: { investigations: number; cacheWarm: number; maintenance: number };
    attempts: number;
    backoffMs: number;
    keepCompleted: { count: number; ageSeconds: number };
    keepFailed: { count: number; ageSeconds: number };
    lockDurationMs: number;
    stalledIntervalMs: number;
    maxStalledCount: number;
    /** Seconds between scheduled maintenance jobs; 0 is off. */
    schedules: { outboxCleanup: number; streamTrim: number; stats: number };
  };
  readonly http: { keepAliveMs: number; maxRequestBytes: number; requestTimeoutMs: number; shutdownTimeoutMs: number; trustProxyHops: number; corsOrigins: string[]; docsEnabled: boolean; securityHeaders: boolean };
  /** Token buckets (rate per second, burst) per budget, for anonymous callers (per address) and keyed ones. */
  readonly rateLimit: {
    enabled: boolean;
    budgets: Record<'read' | 'write' | 'investigations', Record<'anonymous' | 'key', { rate: number; burst: number }>>;
  };
  /** Per caller: opened per UTC day and queued or running at once; all callers: queued at once. */
  readonly investigations: { dailyQuota: number; maxRunning: number; maxQueued: number };
  readonly metrics: { enabled: boolean; port: number };
  /** The Redis performance monitor and the alert thresholds (warning and critical level of each rule). */
  readonly monitoring: {
    slowCommandMs: number;
    intervalMs: number;
    alertForMs: number;
    thresholds: Record<
      'redisSlowPerMinute' | 'redisErrorRate' | 'redisP95Ms' | 'redisMemoryUse' | 'redisClientsUse' | 'dbPoolUse' | 'dbPoolWaitsPerMinute' | 'cacheHitRatio' | 'consumerLag' | 'outboxAgeSeconds' | 'queueDepth',
      { warning: number; critical: number }
    >;
  };
  readonly log: { level: ConfigValues['LOG_LEVEL'] };
  readonly admin: { token: string };
  /** Bearer JWTs from an identity provider; undefined when AUTH_JWKS_URL is empty. */
  readonly jwt: { jwksUrl: string; issuer: string; audience: string; rolesClaim: string } | undefined;

  constructor(values: ConfigValues, cores = cpus().length) {
    this.env = values.NODE_ENV;
    this.role = { name: values.PROCESS_ROLE, api: values.PROCESS_ROLE !== 'worker', worker: values.PROCESS_ROLE !== 'api' };
    this.server = {
      host: values.SERVER_HOST,
      port: values.SERVER_PORT,
      workers: Math.max(1, Math.min(values.MAX_WORKERS, Math.round(cores * values.WORKERS_PER_CORE))),
    };
    this.database = {
      url: values.DATABASE_URL,
      poolSize: values.DATABASE_POOL_SIZE,
      maxOverflow: values.DATABASE_MAX_OVERFLOW,
      acquireTimeoutMs: values.DATABASE_ACQUIRE_TIMEOUT_MS,
      idleTimeoutMs: values.DATABASE_IDLE_TIMEOUT_MS,
      statementTimeoutMs: values.DATABASE_STATEMENT_TIMEOUT_MS,
      publicStatementTimeoutMs: values.DATABASE_PUBLIC_STATEMENT_TIMEOUT_MS,
      slowQueryMs: values.DATABASE_SLOW_QUERY_MS,
    };
    this.redis = {
      url: values.REDIS_URL,
      keyPrefix: values.REDIS_KEY_PREFIX,
      connectTimeoutMs: values.REDIS_CONNECT_TIMEOUT_MS,
      commandTimeoutMs: values.REDIS_COMMAND_TIMEOUT_MS,
    };
    this.cache = {
      enabled: values.CACHE_ENABLED,
      preRouter: values.CACHE_PRE_ROUTER,
      ttlSeconds: values.CACHE_TTL,
      namespaceTtlSeconds: {
        models: values.CACHE_TTL_MODELS,
        session: values.CACHE_TTL_SESSION,
        api: values.CACHE_TTL_API,
        db: values.CACHE_TTL_DB,
        compute: values.CACHE_TTL_COMPUTE,
        static: values.CACHE_TTL_STATIC,
      },
      l1MaxItems: values.CACHE_L1_MAX_ITEMS,
      l1MaxBytes: values.CACHE_L1_MAX_BYTES,
      earlyRefreshBeta: values.CACHE_XFETCH_BETA,
      graceSeconds: values.CACHE_GRACE,
      softTimeoutMs: values.CACHE_SOFT_TIMEOUT_MS,
      lockTtlMs: values.CACHE_LOCK_TTL_MS,
      warmOnStart: values.CACHE_WARM_ON_START,
      warmIntervalSeconds: values.CACHE_WARM_INTERVAL,
    };
    this.events = {
      streamShards: values.EVENTS_STREAM_SHARDS,
      outboxPollMs: values.OUTBOX_POLL_MS,
      outboxBatch: values.OUTBOX_BATCH,
      outboxRetentionSeconds: values.OUTBOX_RETENTION,
      outboxCleanupBatch: values.OUTBOX_CLEANUP_BATCH,
      consumer: {
        batch: values.EVENTS_CONSUMER_BATCH,
        blockMs: values.EVENTS_CONSUMER_BLOCK_MS,
        maxInFlight: values.EVENTS_CONSUMER_MAX_IN_FLIGHT,
        concurrency: values.EVENTS_CONSUMER_CONCURRENCY,
        handlerTimeoutMs: values.EVENTS_HANDLER_TIMEOUT_MS,
        maxDeliveries: values.EVENTS_MAX_DELIVERIES,
        retryBaseMs: values.EVENTS_RETRY_BASE_MS,
        retryMaxMs: values.EVENTS_RETRY_MAX_MS,
        reclaimIntervalMs: values.EVENTS_RECLAIM_INTERVAL_MS,
      },
    };
    const maxThreads = values.AGENT_POOL_MAX === 0 ? cores : values.AGENT_POOL_MAX;
    this.agents = {
      minThreads: Math.min(values.AGENT_POOL_MIN, maxThreads),
      maxThreads,
      idleTimeoutMs: values.AGENT_POOL_IDLE_MS,
      maxQueue: values.AGENT_POOL_MAX_QUEUE,
      taskTimeoutMs: values.AGENT_TASK_TIMEOUT_MS,
      maxMemoryMb: values.AGENT_MEMORY_MB,
      healthIntervalMs: values.AGENT_HEALTH_INTERVAL_MS,
      dispatch: values.AGENT_POOL_DISPATCH,
      atomics: values.AGENT_POOL_ATOMICS,
      retries: values.AGENT_TASK_RETRIES,
    };
    this.jobs = {
      concurrency: { investigations: values.JOBS_CONCURRENCY_INVESTIGATIONS, cacheWarm: values.JOBS_CONCURRENCY_CACHE_WARM, maintenance: values.JOBS_CONCURRENCY_MAINTENANCE },
      attempts: values.JOBS_ATTEMPTS,
      backoffMs: values.JOBS_BACKOFF_MS,
      keepCompleted: { count: values.JOBS_KEEP_COMPLETED, ageSeconds: values.JOBS_KEEP_COMPLETED_AGE },
      keepFailed: { count: values.JOBS_KEEP_FAILED, ageSeconds: values.JOBS_KEEP_FAILED_AGE },
      lockDurationMs: values.JOBS_LOCK_DURATION_MS,
      stalledIntervalMs: values.JOBS_STALLED_INTERVAL_MS,
      maxStalledCount: values.JOBS_MAX_STALLED_COUNT,
      schedules: { outboxCleanup: values.OUTBOX_CLEANUP_INTERVAL, streamTrim: values.STREAM_TRIM_INTERVAL, stats: values.JOBS_STATS_INTERVAL },
    };
    this.http = {
      keepAliveMs: values.KEEPALIVE * 1000,
      maxRequestBytes: values.MAX_REQUEST_SIZE,
      requestTimeoutMs: values.REQUEST_TIMEOUT * 1000,
      shutdownTimeoutMs: values.SHUTDOWN_TIMEOUT * 1000,
      trustProxyHops: values.TRUST_PROXY,
      corsOrigins: values.CORS_ORIGINS,
      docsEnabled: values.DOCS_ENABLED,
      securityHeaders: values.SECURITY_HEADERS,
    };
    this.rateLimit = {
      enabled: values.RATE_LIMIT_ENABLED,
      budgets: {
        read: {
          anonymous: { rate: values.RATE_LIMIT_ANONYMOUS_RPS, burst: values.RATE_LIMIT_ANONYMOUS_BURST },
          key: { rate: values.RATE_LIMIT_KEY_RPS, burst: values.RATE_LIMIT_KEY_BURST },
        },
        write: {
          anonymous: { rate: values.RATE_LIMIT_ANONYMOUS_WRITE_RPS, burst: values.RATE_LIMIT_ANONYMOUS_WRITE_BURST },
          key: { rate: values.RATE_LIMIT_KEY_WRITE_RPS, burst: values.RATE_LIMIT_KEY_WRITE_BURST },
        },
        investigations: {
          anonymous: { rate: values.RATE_LIMIT_ANONYMOUS_INVESTIGATION_RPS, burst: values.RATE_LIMIT_ANONYMOUS_INVESTIGATION_BURST },
          key: { rate: values.RATE_LIMIT_KEY_INVESTIGATION_RPS, burst: values.RATE_LIMIT_KEY_INVESTIGATION_BURST },
        },
      },
    };
    this.investigations = { dailyQuota: values.INVESTIGATIONS_DAILY_QUOTA, maxRunning: values.INVESTIGATIONS_MAX_RUNNING, maxQueued: values.INVESTIGATIONS_MAX_QUEUED };
    this.metrics = { enabled: values.ENABLE_METRICS, port: values.METRICS_PORT };
    const levels = (warning: number, critical: number) => ({ warning, critical });
    this.monitoring = {
      slowCommandMs: values.REDIS_SLOW_MS,
      intervalMs: values.MONITOR_INTERVAL_MS,
      alertForMs: values.ALERT_FOR_SECONDS * 1000,
      thresholds: {
        redisSlowPerMinute: levels(values.ALERT_REDIS_SLOW_PER_MIN_WARN, values.ALERT_REDIS_SLOW_PER_MIN_CRIT),
        redisErrorRate: levels(values.ALERT_REDIS_ERROR_RATE_WARN, values.ALERT_REDIS_ERROR_RATE_CRIT),
        redisP95Ms: levels(values.ALERT_REDIS_P95_MS_WARN, values.ALERT_REDIS_P95_MS_CRIT),
        redisMemoryUse: levels(values.ALERT_REDIS_MEMORY_WARN, values.ALERT_REDIS_MEMORY_CRIT),
        redisClientsUse: levels(values.ALERT_REDIS_CLIENTS_WARN, values.ALERT_REDIS_CLIENTS_CRIT),
        dbPoolUse: levels(values.ALERT_DB_POOL_USE_WARN, values.ALERT_DB_POOL_USE_CRIT),
        dbPoolWaitsPerMinute: levels(values.ALERT_DB_POOL_WAITS_PER_MIN_WARN, values.ALERT_DB_POOL_WAITS_PER_MIN_CRIT),
        cacheHitRatio: levels(values.ALERT_CACHE_HIT_RATIO_WARN, values.ALERT_CACHE_HIT_RATIO_CRIT),
        consumerLag: levels(values.ALERT_CONSUMER_LAG_WARN, values.ALERT_CONSUMER_LAG_CRIT),
        outboxAgeSeconds: levels(values.ALERT_OUTBOX_AGE_WARN, values.ALERT_OUTBOX_AGE_CRIT),
        queueDepth: levels(values.ALERT_QUEUE_DEPTH_WARN, values.ALERT_QUEUE_DEPTH_CRIT),
      },
    };
    this.log = { level: values.LOG_LEVEL };
    this.admin = { token: values.ADMIN_TOKEN };
    this.jwt = values.AUTH_JWKS_URL === '' ? undefined : { jwksUrl: values.AUTH_JWKS_URL, issuer: values.AUTH_JWT_ISSUER, audience: values.AUTH_JWT_AUDIENCE, rolesClaim: values.AUTH_JWT_ROLES_CLAIM };
  }

  /**
   * `overrides` win over the environment: an entry point that forces its role passes `{ PROCESS_ROLE }`.
   * Without `env`, the process environment is read, with `.env` (if present) beneath it.
   */
  static fromEnv(env?: Env, overrides: Env = {}): AppConfig {
    if (env === undefined) loadDotEnv();
    return new AppConfig(loadConfig({ ...(env ?? process.env), ...overrides }));
  }
}
