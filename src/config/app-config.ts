import { cpus } from 'node:os';
import { type ConfigValues } from './config.schema.js';
import { type Env, loadConfig } from './load-config.js';

/** The one typed view of Hotpath's configuration; nothing else reads `process.env`. */
export class AppConfig {
  readonly env: ConfigValues['NODE_ENV'];
  readonly server: { host: string; port: number; workers: number };
  readonly database: {
    url: string;
    poolSize: number;
    maxOverflow: number;
    acquireTimeoutMs: number;
    idleTimeoutMs: number;
    statementTimeoutMs: number;
    slowQueryMs: number;
  };
  readonly redis: { url: string; keyPrefix: string; connectTimeoutMs: number; commandTimeoutMs: number };
  readonly cache: { enabled: boolean; ttlSeconds: number; namespaceTtlSeconds: Record<string, number>; l1MaxItems: number; l1MaxBytes: number; earlyRefreshBeta: number; graceSeconds: number; softTimeoutMs: number; lockTtlMs: number; warmOnStart: boolean; warmIntervalSeconds: number };
  readonly events: {
    streamShards: number;
    outboxPollMs: number;
    outboxBatch: number;
    consumer: { batch: number; blockMs: number; maxInFlight: number; concurrency: number; handlerTimeoutMs: number; maxDeliveries: number; retryBaseMs: number; retryMaxMs: number; reclaimIntervalMs: number };
  };
  readonly http: { keepAliveMs: number; maxRequestBytes: number; requestTimeoutMs: number; shutdownTimeoutMs: number };
  readonly metrics: { enabled: boolean; port: number };
  readonly log: { level: ConfigValues['LOG_LEVEL'] };
  readonly admin: { token: string };

  constructor(values: ConfigValues, cores = cpus().length) {
    this.env = values.NODE_ENV;
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
    this.http = {
      keepAliveMs: values.KEEPALIVE * 1000,
      maxRequestBytes: values.MAX_REQUEST_SIZE,
      requestTimeoutMs: values.REQUEST_TIMEOUT * 1000,
      shutdownTimeoutMs: values.SHUTDOWN_TIMEOUT * 1000,
    };
    this.metrics = { enabled: values.ENABLE_METRICS, port: values.METRICS_PORT };
    this.log = { level: values.LOG_LEVEL };
    this.admin = { token: values.ADMIN_TOKEN };
  }

  static fromEnv(env?: Env): AppConfig {
    return new AppConfig(loadConfig(env));
  }
}
