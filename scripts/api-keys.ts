import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { AppConfig } from '../src/config/index.js';
import { authOptions } from '../src/auth.options.js';
import { ApiKeysRepository, ApiKeysService, isApiKeyId, isRole, pgClientSql, RedisKeyChangeBus, ROLES } from '../src/platform/auth/index.js';
import { closeRedis, createRedisConnection } from '../src/platform/redis/index.js';
import { runCli, UsageError } from './cli.js';

const USAGE = `usage: npm run -s api-keys -- create --role <${ROLES.join('|')}> --name NAME
       npm run -s api-keys -- list
       npm run -s api-keys -- revoke --id ID`;
const READY_TIMEOUT_MS = 5000;

type Command = { name: 'create'; role: (typeof ROLES)[number]; keyName: string } | { name: 'list' } | { name: 'revoke'; id: string };

/** The command line, checked before anything connects: a bad one is a UsageError (exit 2). */
function command(args: string[]): Command {
  const { values, positionals } = parseArgs({ args, options: { role: { type: 'string' }, name: { type: 'string' }, id: { type: 'string' } }, allowPositionals: true, strict: true });
  const [name, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const options: Record<string, readonly string[]> = { create: ['role', 'name'], list: [], revoke: ['id'] };
  const allowed = Object.hasOwn(options, name ?? '') ? options[name] : undefined;
  if (!allowed) throw new UsageError(name === undefined ? 'a command is needed' : `unknown command "${name}"`);
  const stray = Object.keys(values).find((option) => !allowed.includes(option));
  if (stray) throw new UsageError(`--${stray} does not go with ${name}`);
  if (name === 'list') return { name: 'list' };
  if (name === 'revoke') {
    if (values.id === undefined || !isApiKeyId(values.id)) throw new UsageError(`--id must be a key id (16 hex digits, as list shows), got ${JSON.stringify(values.id ?? '')}`);
    return { name: 'revoke', id: values.id };
  }
  if (!isRole(values.role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}, got ${JSON.stringify(values.role ?? '')}`);
  const keyName = values.name?.trim() ?? '';
  if (keyName.length < 1 || keyName.length > 100 || [...keyName].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) throw new UsageError('--name must be 1..100 characters without control characters');
  return { name: 'create', role: values.role, keyName };
}

/**
 * Creates, lists and revokes API keys in the database of DATABASE_URL, and tells running
 * instances over Redis (revocations reach them within a second; if Redis cannot be reached,
 * within the key cache TTL). `create` prints the key once, alone on the last line.
 */
async function main(): Promise<void> {
  const wanted = command(process.argv.slice(2));
  const config = AppConfig.fromEnv();
  const { keyChanges } = authOptions(config);
  const db = new Client({ connectionString: config.database.url, application_name: 'hotpath-api-keys' });
  const redis = createRedisConnection(config.redis, 'shared', 'hotpath-api-keys');
  redis.on('error', () => undefined);
  try {
    await db.connect();
    const keys = new ApiKeysService(new ApiKeysRepository(pgClientSql(db)), new RedisKeyChangeBus(redis, undefined, keyChanges.channel));
    if (wanted.name === 'list') {
      const all = await keys.list();
      console.log(['id', 'name', 'role', 'created', 'revoked'].join('\t'));
      for (const key of all) console.log([key.id, key.name, key.role, key.createdAt, key.revokedAt ?? '-'].join('\t'));
      return;
    }
    await ready(redis);
    if (wanted.name === 'create') {
      const created = await keys.create(wanted.keyName, wanted.role);
      console.log(`created API key ${created.id} (${created.role}, "${created.name}"); it is shown this once:`);
      console.log(created.key);
      return;
    }
    const revoked = await keys.revoke(wanted.id);
    if (!revoked) throw new Error(`no API key with id ${wanted.id}`);
    console.log(`revoked API key ${revoked.key.id} at ${revoked.key.revokedAt}`);
    if (!revoked.notified) console.error('warning: running instances could not be told (Redis away); they refuse the key within the key cache TTL (60 s)');
  } finally {
    await db.end().catch(() => undefined);
    await closeRedis(redis);
  }
}

/** Waits briefly for Redis: the shared connection refuses commands until it is ready, and a notice sent too early is lost. */
async function ready(redis: ReturnType<typeof createRedisConnection>): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, READY_TIMEOUT_MS);
    redis.once('ready', () => (clearTimeout(timer), resolve()));
  });
}

runCli(main, USAGE);
