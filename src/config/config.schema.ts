import { bool, type Field, int, num, oneOf, text, url } from './config.fields.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const NODE_ENVS = ['development', 'production', 'test'] as const;

/**
 * Every environment variable Hotpath reads, with its default (which runs on one laptop),
 * allowed range and meaning. `.env.example` and the README table are checked against it.
 */
export const CONFIG_SCHEMA = {
  NODE_ENV: oneOf('development', NODE_ENVS, 'Runtime environment.'),
  SERVER_HOST: text('0.0.0.0', /^[\w.:-]+$/, 'host name or IP address', 'Address the API listens on.'),
  SERVER_PORT: int(3000, 1, 65535, 'Port the API listens on.'),
  WORKERS_PER_CORE: num(1, 0.25, 8, 'API processes per CPU core when clustering.'),
  MAX_WORKERS: int(1, 1, 64, 'Upper bound on API processes; 1 runs a single process without cluster.'),
  DATABASE_URL: url('postgres://postgres@127.0.0.1:5432/hotpath', ['postgres:', 'postgresql:'], 'Postgres connection URL; the database is created if missing.'),
  DATABASE_POOL_SIZE: int(10, 1, 200, 'Postgres connections kept in the pool.'),
  DATABASE_MAX_OVERFLOW: int(10, 0, 200, 'Extra Postgres connections allowed under load, closed when idle.'),
  DATABASE_ACQUIRE_TIMEOUT_MS: int(2000, 10, 60000, 'How long a query waits for a pooled connection (including opening one) before answering 503.'),
  DATABASE_IDLE_TIMEOUT_MS: int(10000, 100, 600000, 'Idle time after which an overflow connection is closed.'),
  DATABASE_STATEMENT_TIMEOUT_MS: int(10000, 100, 600000, 'Server-side statement timeout.'),
  DATABASE_SLOW_QUERY_MS: int(200, 1, 600000, 'Queries slower than this are logged as slow.'),
  REDIS_URL: url('redis://127.0.0.1:6379/0', ['redis:', 'rediss:'], 'Redis connection URL.'),
  REDIS_KEY_PREFIX: text('hotpath', /^[\w.:-]{1,64}$/, 'letters, digits, . : - _ (1..64)', 'Prefix for every Redis key Hotpath writes.'),
  REDIS_CONNECT_TIMEOUT_MS: int(5000, 100, 60000, 'Timeout for opening a Redis connection.'),
  REDIS_COMMAND_TIMEOUT_MS: int(2000, 10, 60000, 'Timeout for one Redis command.'),
  CACHE_ENABLED: bool(true, 'Serve @Cached routes from the tiered cache; false runs every request uncached (kill switch, baselines).'),
  CACHE_TTL: int(300, 1, 604800, 'Default cache time-to-live in seconds, for namespaces without their own.'),
  CACHE_TTL_MODELS: int(7200, 1, 604800, 'TTL in seconds of the models cache namespace.'),
  CACHE_TTL_SESSION: int(1800, 1, 604800, 'TTL in seconds of the session cache namespace.'),
  CACHE_TTL_API: int(300, 1, 604800, 'TTL in seconds of the api cache namespace (cached HTTP responses).'),
  CACHE_TTL_DB: int(600, 1, 604800, 'TTL in seconds of the db cache namespace (query results).'),
  CACHE_TTL_COMPUTE: int(1800, 1, 604800, 'TTL in seconds of the compute cache namespace.'),
  CACHE_TTL_STATIC: int(7200, 1, 604800, 'TTL in seconds of the static cache namespace.'),
  CACHE_XFETCH_BETA: num(1, 0, 10, 'Early-refresh eagerness (XFetch beta); 0 turns early refresh off.'),
  CACHE_GRACE: int(60, 0, 86400, 'Seconds past expiry an entry may still be served when its loader fails or is slow.'),
  CACHE_SOFT_TIMEOUT_MS: int(1000, 10, 60000, 'With a stale value at hand, how long to wait for the loader before serving it.'),
  CACHE_LOCK_TTL_MS: int(5000, 100, 600000, 'Cross-instance load lock expiry; also the longest another instance waits for the holder.'),
  CACHE_WARM_ON_START: bool(true, 'Run the cache warmers once the API is up (readiness never waits for them).'),
  CACHE_WARM_INTERVAL: int(900, 0, 86400, 'Seconds between scheduled cache warming runs; 0 turns the schedule off.'),
  CACHE_L1_MAX_ITEMS: int(10000, 1, 10000000, 'Entries kept in the in-process cache tier (LRU).'),
  CACHE_L1_MAX_BYTES: int(67108864, 65536, 17179869184, 'Bytes kept in the in-process cache tier (LRU, approximate).'),
  EVENTS_STREAM_SHARDS: int(4, 1, 256, 'Redis Streams per aggregate type; an aggregate always maps to the same shard, so its events stay in order.'),
  OUTBOX_POLL_MS: int(1000, 10, 60000, 'The outbox relay polls this often besides waking on LISTEN/NOTIFY.'),
  OUTBOX_BATCH: int(500, 1, 10000, 'Outbox rows the relay publishes per round trip.'),
  EVENTS_CONSUMER_BATCH: int(100, 1, 10000, 'Entries an event consumer asks for per stream in one XREADGROUP.'),
  EVENTS_CONSUMER_BLOCK_MS: int(2000, 10, 60000, 'How long an event consumer waits in XREADGROUP BLOCK for new entries.'),
  EVENTS_CONSUMER_MAX_IN_FLIGHT: int(1000, 1, 100000, 'Entries one event consumer holds at most (read, not yet acknowledged); reading pauses above.'),
  EVENTS_CONSUMER_CONCURRENCY: int(16, 1, 1000, 'Aggregates one event consumer handles at once (each aggregate\'s events one at a time, in order).'),
  EVENTS_HANDLER_TIMEOUT_MS: int(30000, 100, 3600000, 'A handler call slower than this counts as failed; entries idle this long are reclaimed from dead consumers.'),
  EVENTS_MAX_DELIVERIES: int(5, 1, 100, 'Deliveries of an entry before it goes to the dead-letter stream (a consumer may override it).'),
  EVENTS_RETRY_BASE_MS: int(100, 1, 60000, 'First retry delay of a failed handler; it doubles per delivery up to EVENTS_RETRY_MAX_MS.'),
  EVENTS_RETRY_MAX_MS: int(10000, 1, 600000, 'Longest retry delay of a failed handler.'),
  EVENTS_RECLAIM_INTERVAL_MS: int(5000, 50, 600000, 'How often each consumer looks for entries of dead consumers to reclaim (XAUTOCLAIM).'),
  KEEPALIVE: int(5, 1, 600, 'HTTP keep-alive timeout in seconds.'),
  MAX_REQUEST_SIZE: int(1048576, 1024, 104857600, 'Largest accepted request body in bytes (413 above).'),
  REQUEST_TIMEOUT: int(30, 1, 600, 'Seconds a request may take before the server answers 503.'),
  SHUTDOWN_TIMEOUT: int(10, 1, 300, 'Seconds allowed to drain in-flight work on SIGTERM before exiting.'),
  ENABLE_METRICS: bool(true, 'Expose Prometheus metrics.'),
  METRICS_PORT: int(0, 0, 65535, 'Separate port for /metrics; 0 serves it on SERVER_PORT.'),
  LOG_LEVEL: oneOf('info', LOG_LEVELS, 'Minimum log level.'),
  ADMIN_TOKEN: text('', /^(|[\x21-\x7e]{16,256})$/, 'empty (admin disabled) or 16..256 printable characters', 'Bearer token for /admin endpoints.'),
} satisfies Record<string, Field<unknown>>;

export type ConfigKey = keyof typeof CONFIG_SCHEMA;
export type ConfigValues = {
  [K in ConfigKey]: (typeof CONFIG_SCHEMA)[K] extends Field<infer T> ? T : never;
};
