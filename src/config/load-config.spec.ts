import { InvalidConfigError } from './config.errors.js';
import { loadConfig } from './load-config.js';
import { AppConfig } from './app-config.js';

function issuesOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof InvalidConfigError) return error.issues.map((i) => `${i.variable}: ${i.message}`);
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('runs on defaults that fit one laptop', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/hotpath');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379/0');
    expect(config.SERVER_PORT).toBe(3000);
    expect(config.ENABLE_METRICS).toBe(true);
  });

  it('parses numbers, booleans and enums', () => {
    const config = loadConfig({ SERVER_PORT: '8080', WORKERS_PER_CORE: '1.5', ENABLE_METRICS: 'off', LOG_LEVEL: 'debug' });
    expect([config.SERVER_PORT, config.WORKERS_PER_CORE, config.ENABLE_METRICS, config.LOG_LEVEL]).toEqual([8080, 1.5, false, 'debug']);
  });

  it.each([
    ['SERVER_PORT', '0', 'expected integer 1..65535, got "0"'],
    ['SERVER_PORT', '3000.5', 'expected integer 1..65535'],
    ['DATABASE_POOL_SIZE', 'ten', 'expected integer 1..200, got "ten"'],
    ['DATABASE_URL', 'mysql://root@localhost/db', 'expected postgres:// or postgresql:// URL'],
    ['REDIS_URL', 'not a url', 'expected redis:// or rediss:// URL'],
    ['LOG_LEVEL', 'loud', 'expected fatal|error|warn|info|debug|trace|silent'],
    ['ENABLE_METRICS', 'maybe', 'expected true|false'],
    ['ADMIN_TOKEN', 'short', 'expected empty (no admin token) or 16..256 printable characters, got a value of 5 characters (not shown)'],
    ['CORS_ORIGINS', 'https://ok.example, ftp://no.example', 'expected empty, * or comma-separated origins such as https://app.example.org'],
    ['TRUST_PROXY', 'yes', 'expected false|true|hop count 0..10'],
    ['TRUST_PROXY', '11', 'expected false|true|hop count 0..10'],
  ])('rejects %s=%s naming the variable and its range', (name, value, message) => {
    expect(issuesOf({ [name]: value })).toEqual([`${name}: ${message}${message.includes('got') ? '' : `, got ${JSON.stringify(value)}`}`]);
  });

  it('lists every bad variable at once', () => {
    expect(issuesOf({ SERVER_PORT: '-1', MAX_WORKERS: '0' }).map((i) => i.split(':')[0])).toEqual(['SERVER_PORT', 'MAX_WORKERS']);
    expect(() => loadConfig({ SERVER_PORT: '-1' })).toThrow(/Invalid configuration:\n {2}- SERVER_PORT: expected integer 1\.\.65535/);
  });

  it('needs the JWT issuer and audience once AUTH_JWKS_URL is set', () => {
    expect(issuesOf({ AUTH_JWKS_URL: 'https://idp.test/jwks.json' })).toEqual(['AUTH_JWT_ISSUER: must be set when AUTH_JWKS_URL is set', 'AUTH_JWT_AUDIENCE: must be set when AUTH_JWKS_URL is set']);
    expect(issuesOf({ AUTH_JWKS_URL: 'ftp://idp.test/jwks.json' })).toEqual(['AUTH_JWKS_URL: expected https:// or http:// URL, got "ftp://idp.test/jwks.json"']);
    const config = AppConfig.fromEnv({ AUTH_JWKS_URL: 'https://idp.test/jwks.json', AUTH_JWT_ISSUER: 'https://idp.test', AUTH_JWT_AUDIENCE: 'hotpath' });
    expect(config.jwt).toEqual({ jwksUrl: 'https://idp.test/jwks.json', issuer: 'https://idp.test', audience: 'hotpath', rolesClaim: 'roles' });
    expect(AppConfig.fromEnv({}).jwt).toBeUndefined();
  });

  it('refuses an alert whose warning level comes after its critical one', () => {
    expect(issuesOf({ ALERT_QUEUE_DEPTH_WARN: '500', ALERT_QUEUE_DEPTH_CRIT: '400' })).toEqual(['ALERT_QUEUE_DEPTH_WARN: must not be above ALERT_QUEUE_DEPTH_CRIT']);
    expect(issuesOf({ ALERT_CACHE_HIT_RATIO_WARN: '0.1', ALERT_CACHE_HIT_RATIO_CRIT: '0.3' })).toEqual(['ALERT_CACHE_HIT_RATIO_WARN: must not be below ALERT_CACHE_HIT_RATIO_CRIT (a lower hit ratio is worse)']);
    expect(issuesOf({ ALERT_REDIS_ERROR_RATE_WARN: '1.5' })).toEqual(['ALERT_REDIS_ERROR_RATE_WARN: expected number 0..1, got "1.5"']);
  });

  it('refuses a metrics port equal to the server port', () => {
    expect(issuesOf({ SERVER_PORT: '9000', METRICS_PORT: '9000' })).toEqual(['METRICS_PORT: must differ from SERVER_PORT (use 0 to share it)']);
  });
});

describe('AppConfig', () => {
  it('derives API processes from cores, bounded by MAX_WORKERS', () => {
    expect(new AppConfig(loadConfig({ MAX_WORKERS: '3', WORKERS_PER_CORE: '2' }), 2).server.workers).toBe(3);
    expect(new AppConfig(loadConfig({ MAX_WORKERS: '16', WORKERS_PER_CORE: '0.5' }), 2).server.workers).toBe(1);
    expect(new AppConfig(loadConfig({}), 8).server.workers).toBe(1);
  });

  it('derives what the process runs from PROCESS_ROLE (all by default); an entry point may force its role', () => {
    const roles = (env: Record<string, string>, overrides?: Record<string, string>) => {
      const { role } = AppConfig.fromEnv(env, overrides);
      return [role.name, role.api, role.worker];
    };
    expect(roles({})).toEqual(['all', true, true]);
    expect(roles({ PROCESS_ROLE: 'api' })).toEqual(['api', true, false]);
    expect(roles({ PROCESS_ROLE: 'worker' })).toEqual(['worker', false, true]);
    expect(roles({ PROCESS_ROLE: 'api' }, { PROCESS_ROLE: 'worker' })).toEqual(['worker', false, true]);
    expect(issuesOf({ ADMIN_TOKEN: 'short-secret' })).toEqual(['ADMIN_TOKEN: expected empty (no admin token) or 16..256 printable characters, got a value of 12 characters (not shown)']);
    expect(issuesOf({ DATABASE_URL: 'mysql://app:s3cret@db/hotpath' })).toEqual(['DATABASE_URL: expected postgres:// or postgresql:// URL, got "mysql://app:***@db/hotpath"']);
    expect(issuesOf({ REDIS_URL: 'http://:s3cret@redis:6379' }).join()).not.toContain('s3cret');
    expect(issuesOf({ PROCESS_ROLE: 'both' })).toEqual(['PROCESS_ROLE: expected api|worker|all, got "both"']);
  });

  it('reads TRUST_PROXY as a hop count: false is none, true is one', () => {
    const hops = (value: string) => AppConfig.fromEnv({ TRUST_PROXY: value }).http.trustProxyHops;
    expect([hops('false'), hops('true'), hops('2'), hops(' TRUE ')]).toEqual([0, 1, 2, 1]);
  });

  it('gives each rate limit budget its rate and burst per tier', () => {
    const { rateLimit } = AppConfig.fromEnv({ RATE_LIMIT_ANONYMOUS_RPS: '5', RATE_LIMIT_KEY_INVESTIGATION_BURST: '7' });
    expect(rateLimit.budgets.read.anonymous).toEqual({ rate: 5, burst: 200 });
    expect(rateLimit.budgets.investigations.key).toEqual({ rate: 0.5, burst: 7 });
    expect(rateLimit.budgets.write).toEqual({ anonymous: { rate: 1, burst: 10 }, key: { rate: 20, burst: 50 } });
  });

  it('gives the monitor its slow threshold, interval and each alert rule its levels', () => {
    const { monitoring } = AppConfig.fromEnv({ REDIS_SLOW_MS: '2.5', ALERT_FOR_SECONDS: '30', ALERT_OUTBOX_AGE_WARN: '10' });
    expect(monitoring).toMatchObject({ slowCommandMs: 2.5, intervalMs: 15000, alertForMs: 30000 });
    expect(monitoring.thresholds.outboxAgeSeconds).toEqual({ warning: 10, critical: 300 });
    expect(monitoring.thresholds.cacheHitRatio).toEqual({ warning: 0.5, critical: 0.2 });
    expect(Object.keys(monitoring.thresholds)).toHaveLength(11);
  });

  it('converts seconds to milliseconds where the code needs them', () => {
    const config = new AppConfig(loadConfig({ KEEPALIVE: '7', REQUEST_TIMEOUT: '3', SHUTDOWN_TIMEOUT: '4' }));
    expect(config.http).toMatchObject({ keepAliveMs: 7000, requestTimeoutMs: 3000, shutdownTimeoutMs: 4000 });
  });
});
