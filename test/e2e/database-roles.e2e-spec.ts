import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { dropDatabase, migrate } from '../../src/platform/database/index.js';
import { Fixtures } from '../support/fixtures.js';
import { projectStats } from '../support/project-stats.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const SERVER = 'postgres://postgres@127.0.0.1:5432';
const ROLES_SQL = readFileSync(join(import.meta.dirname, '../../docker/postgres/roles.sql'), 'utf8');

/**
 * docker/postgres/roles.sql gives the app a role that reads and writes rows and nothing else;
 * migrations run as the owner. The whole API (and the stats projection) works as that role.
 */
describe('the app as a non-superuser role (docker/postgres/roles.sql)', () => {
  const suffix = randomBytes(4).toString('hex');
  const [owner, app, database] = [`hotpath_owner_${suffix}`, `hotpath_app_${suffix}`, `hotpath_roles_${suffix}`];
  const urlAs = (user: string) => `postgres://${user}:secret-${suffix}@127.0.0.1:5432/${database}`;
  let t: TestApp;
  let asApp: Client;

  beforeAll(async () => {
    const server = new Client({ connectionString: `${SERVER}/postgres` });
    await server.connect();
    await server.query(`CREATE DATABASE ${database}`);
    await server.end();
    const admin = new Client({ connectionString: `${SERVER}/${database}` });
    await admin.connect();
    await admin.query(
      `SELECT set_config('hotpath.owner_role', $1, false), set_config('hotpath.app_role', $2, false), set_config('hotpath.owner_password', $3, false), set_config('hotpath.app_password', $3, false)`,
      [owner, app, `secret-${suffix}`],
    );
    await admin.query(ROLES_SQL);
    // Run twice: the script is idempotent.
    await admin.query(ROLES_SQL);
    await admin.end();
    await migrate({ url: urlAs(owner), poolSize: 1, maxOverflow: 0, acquireTimeoutMs: 5000, idleTimeoutMs: 1000, statementTimeoutMs: 60_000, slowQueryMs: 60_000 });
    t = await startTestApp('roles', { DATABASE_URL: urlAs(app) });
    asApp = new Client({ connectionString: urlAs(app) });
    await asApp.connect();
  });
  afterAll(async () => {
    await asApp?.end();
    await t?.close();
    await dropDatabase(`${SERVER}/${database}`);
    const server = new Client({ connectionString: `${SERVER}/postgres` });
    await server.connect();
    await server.query(`DROP ROLE IF EXISTS ${app}`);
    await server.query(`DROP ROLE IF EXISTS ${owner}`);
    await server.end();
  });

  it('serves reads, writes, investigations and the stats projection as the app role', async () => {
    const fx = new Fixtures(asApp);
    const [agency, supplier] = [await fx.agency(), await fx.supplier()];
    const created = await t.request('/contracts', {
      method: 'POST',
      headers: t.as('admin'),
      json: { agencyId: agency, supplierId: supplier, category: 'energy', procurementMethod: 'open', amountCents: 42, currency: 'EUR', signedAt: '2025-01-01', status: 'active' },
    });
    expect(created.status).toBe(201);
    expect((await t.request(`/contracts/${created.body.id}`, { method: 'PATCH', json: { version: 1, amountCents: 43 }, headers: t.as('admin') })).status).toBe(200);
    expect((await t.request('/contracts')).body.items).toHaveLength(1);
    expect((await t.request('/investigations', { method: 'POST', json: { agents: ['benford'] }, headers: t.as('admin') })).status).toBe(202);
    await projectStats(t.app);
    expect((await t.request(`/agencies/${agency}/stats`)).body.totals).toEqual([{ currency: 'EUR', contracts: 1, amountCents: 43 }]);
    expect((await t.request('/health/ready')).status).toBe(200);
  });

  it('gives the app role no superuser, no DDL and no TRUNCATE; the relay\'s reads and LISTEN work', async () => {
    expect((await asApp.query('SELECT rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = current_user')).rows).toEqual([{ rolsuper: false, rolcreatedb: false, rolcreaterole: false }]);
    await expect(asApp.query('CREATE TABLE sneaky (id int)')).rejects.toMatchObject({ code: '42501' });
    await expect(asApp.query('TRUNCATE contracts')).rejects.toMatchObject({ code: '42501' });
    await expect(asApp.query('DROP TABLE contracts')).rejects.toMatchObject({ code: '42501' });
    await expect(asApp.query('DELETE FROM event_log')).rejects.toThrow(/append-only/);
    await asApp.query('SELECT count(*) FROM pg_locks');
    await asApp.query('LISTEN hotpath_outbox');
    const owners = await asApp.query(`SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'`);
    expect(owners.rows).toEqual([{ tableowner: owner }]);
  });
});
