import { spawn } from 'node:child_process';
import { ApiKeyResolver } from '../../src/platform/auth/index.js';
import { requireBuilt } from '../support/node-process.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { AppConfig } from '../../src/config/index.js';

const SCRIPT = 'dist/scripts/api-keys.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run -s api-keys -- …` as an operator runs it, against the test app's database and Redis prefix. */
function apiKeys(t: TestApp, ...args: string[]): Promise<Run> {
  const config = t.app.get(AppConfig);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SCRIPT, ...args], { env: { ...process.env, DATABASE_URL: t.db.url, REDIS_KEY_PREFIX: config.redis.keyPrefix, LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const lastLine = (text: string) => text.trimEnd().split('\n').at(-1) ?? '';

describe('api-keys script', () => {
  let t: TestApp;
  beforeAll(async () => {
    requireBuilt(SCRIPT);
    t = await startTestApp('api_keys_cli');
  });
  afterAll(() => t.close());

  it('creates a key shown once on the last line, lists keys without secrets, and the key works at once', async () => {
    const created = await apiKeys(t, 'create', '--role', 'editor', '--name', 'newsroom bot');
    expect(created.code).toBe(0);
    const key = lastLine(created.stdout);
    expect(key).toMatch(/^hp_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    const id = key.slice(3, 19);
    const stored = await t.db.client.query('SELECT role, name, length(secret_hash) AS bytes FROM api_keys WHERE id = $1', [id]);
    expect(stored.rows).toEqual([{ role: 'editor', name: 'newsroom bot', bytes: 32 }]);
    expect(JSON.stringify((await t.db.client.query('SELECT * FROM api_keys')).rows)).not.toContain(key.slice(20));

    const listed = await apiKeys(t, 'list');
    expect(listed.code).toBe(0);
    expect(listed.stdout.split('\n')[0]).toBe('id\tname\trole\tcreated\trevoked');
    expect(listed.stdout).toMatch(new RegExp(`^${id}\\tnewsroom bot\\teditor\\t\\S+Z\\t-$`, 'm'));
    expect(listed.stdout).not.toContain(key);
    expect(listed.stdout).not.toContain(key.slice(20));

    expect((await t.request('/contracts/00000000-0000-4000-8000-000000000000', { method: 'PATCH', headers: { authorization: `Bearer ${key}` }, json: { version: 1 } })).status).toBe(404);
  });

  it('revokes a key: the running app hears of it and refuses the key', async () => {
    const key = lastLine((await apiKeys(t, 'create', '--role', 'analyst', '--name', 'to revoke')).stdout);
    const id = key.slice(3, 19);
    const auth = { authorization: `Bearer ${key}` };
    expect((await t.request('/investigations', { method: 'POST', headers: auth, json: { agents: ['nope'] } })).status).toBe(400);
    const heard = new Promise<void>((resolve) => {
      const stop = t.app.get(ApiKeyResolver).onChange((change) => change?.id === id && change.change === 'revoked' && (stop(), resolve()));
    });
    const revoked = await apiKeys(t, 'revoke', '--id', id);
    expect([revoked.code, revoked.stderr]).toEqual([0, '']);
    expect(revoked.stdout).toMatch(new RegExp(`^revoked API key ${id} at \\S+Z$`, 'm'));
    await heard;
    expect(await t.request('/investigations', { method: 'POST', headers: auth, json: { agents: ['nope'] } })).toMatchObject({ status: 401, body: { code: 'AUTH.INVALID' } });
    const listed = await apiKeys(t, 'list');
    expect(listed.stdout).toMatch(new RegExp(`^${id}\\tto revoke\\tanalyst\\t\\S+Z\\t\\S+Z$`, 'm'));
  });

  it.each([
    [[], 'a command is needed'],
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['create', '--role', 'boss', '--name', 'x'], '--role must be one of editor, analyst, admin, got "boss"'],
    [['create', '--role', 'editor', '--name', 'x'.repeat(101)], '--name must be 1..100 characters'],
    [['revoke', '--id', "1' OR 1=1"], '--id must be a key id'],
    [['list', '--id', '0123456789abcdef'], '--id does not go with list'],
  ])('refuses %j with a clear message, the usage and exit code 2', async (args, message) => {
    const run = await apiKeys(t, ...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('usage: npm run -s api-keys -- create --role');
    expect(run.stdout).toBe('');
  });

  it('exits 1 naming the id when no key has it', async () => {
    const run = await apiKeys(t, 'revoke', '--id', '0123456789abcdef');
    expect([run.code, run.stderr.trim()]).toEqual([1, 'no API key with id 0123456789abcdef']);
  });
});
