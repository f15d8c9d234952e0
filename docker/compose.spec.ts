import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

interface Service {
  image?: string;
  command?: string[];
  ports?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
}

/** No Docker engine runs in CI: the compose file's exposure rules are checked on the parsed YAML. */
describe('docker/compose.yml', () => {
  const compose = parse(readFileSync(join(import.meta.dirname, 'compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, Service> };
  const { services } = compose;
  /** `${NAME:?message}`: compose refuses to start without it, and there is no default to fall back to. */
  const required = (name: string) => new RegExp(`\\$\\{${name}:\\?[^}]+\\}`);

  it('publishes every port on 127.0.0.1 only', () => {
    const ports = Object.entries(services).flatMap(([name, service]) => (service.ports ?? []).map((port) => [name, String(port)]));
    expect(ports.length).toBeGreaterThan(0);
    for (const [name, port] of ports) expect([name, port]).toEqual([name, expect.stringMatching(/^127\.0\.0\.1:\d+:\d+$/)]);
  });

  it('starts Redis with a password the environment must provide, and the app connects with it', () => {
    const redis = services.redis;
    expect(redis.environment?.REDIS_PASSWORD).toMatch(required('REDIS_PASSWORD'));
    // `$$` is compose's escape: the container's shell expands the variable, so the password is not in the file.
    expect(redis.command?.join(' ')).toContain('--requirepass "$$REDIS_PASSWORD"');
    for (const name of ['api', 'worker', 'migrate']) expect([name, services[name].environment?.REDIS_URL]).toEqual([name, expect.stringMatching(/^redis:\/\/:\$\{REDIS_PASSWORD:\?[^}]+\}@redis:6379\/0$/)]);
  });

  it('gives Postgres no default password, and the app a non-superuser role while migrations run as the owner', () => {
    const postgres = services.postgres;
    for (const name of ['POSTGRES_PASSWORD', 'HOTPATH_OWNER_PASSWORD', 'HOTPATH_APP_PASSWORD']) expect([name, postgres.environment?.[name]]).toEqual([name, expect.stringMatching(/^\$\{[A-Z_]+:\?[^}]+\}$/)]);
    for (const name of ['api', 'worker']) expect([name, services[name].environment?.DATABASE_URL]).toEqual([name, expect.stringMatching(/^postgres:\/\/hotpath_app:\$\{HOTPATH_DB_APP_PASSWORD:\?[^}]+\}@postgres:5432\/hotpath$/)]);
    expect(services.migrate.environment?.DATABASE_URL).toMatch(/^postgres:\/\/hotpath_owner:\$\{HOTPATH_DB_OWNER_PASSWORD:\?[^}]+\}@postgres:5432\/hotpath$/);
    expect(postgres.volumes).toEqual(expect.arrayContaining(['./postgres/initdb.d:/docker-entrypoint-initdb.d:ro', './postgres/roles.sql:/hotpath/roles.sql:ro']));
    expect(existsSync(join(import.meta.dirname, 'postgres/initdb.d/10-roles.sh'))).toBe(true);
  });

  it("takes Grafana's admin password from the environment, with anonymous access and sign-up off", () => {
    const grafana = services.grafana.environment ?? {};
    expect(grafana.GF_SECURITY_ADMIN_PASSWORD).toMatch(required('GRAFANA_ADMIN_PASSWORD'));
    expect(grafana.GF_AUTH_ANONYMOUS_ENABLED).toBe('false');
    expect(grafana.GF_USERS_ALLOW_SIGN_UP).toBe('false');
  });

  it('lists every secret it requires in docker/.env.example', () => {
    const text = readFileSync(join(import.meta.dirname, 'compose.yml'), 'utf8');
    const secrets = new Set([...text.matchAll(/\$\{([A-Z_]+):\?/g)].map((m) => m[1]));
    const example = readFileSync(join(import.meta.dirname, '.env.example'), 'utf8');
    for (const name of secrets) expect([name, example]).toEqual([name, expect.stringContaining(`\n${name}=`)]);
  });
});
