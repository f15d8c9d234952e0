import { execFile, execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.js';

const run = promisify(execFile);
const BIN_ROOT = '/usr/lib/postgresql';

/** Debian keeps initdb and pg_ctl under /usr/lib/postgresql/<version>/bin; elsewhere they are on PATH. */
function binary(name: string): string {
  try {
    const [version] = readdirSync(BIN_ROOT).sort((a, b) => Number(b) - Number(a));
    if (version) return join(BIN_ROOT, version, 'bin', name);
  } catch {
    // not Debian's layout
  }
  return name;
}

/**
 * A Postgres server of the test's own (initdb into a temporary directory, a free port, trust
 * auth), that the test may crash and start again; never the shared one. initdb and postgres
 * refuse to run as root, so as root they run as the `postgres` user.
 */
export class PrivatePostgres {
  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly settings: string[],
  ) {}

  /** `settings`: extra `name=value` server settings. */
  static async start(settings: string[] = []): Promise<PrivatePostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'hotpath-pg-'));
    const server = new PrivatePostgres(await freePort(), dir, settings);
    if (process.getuid?.() === 0) chownSync(dir, ...uidGidOf('postgres'));
    await server.pg(binary('initdb'), ['-D', join(dir, 'data'), '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-sync']);
    await server.start();
    return server;
  }

  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    const options = ['-p', String(this.port), '-k', this.dir, '-c', 'listen_addresses=127.0.0.1', ...this.settings.flatMap((s) => ['-c', s])].join(' ');
    await this.pg(binary('pg_ctl'), ['-D', join(this.dir, 'data'), '-l', join(this.dir, 'server.log'), '-w', '-t', '30', '-o', options, 'start']);
  }

  /** Stops like a crash: no checkpoint, and WAL still in shared buffers is lost. */
  async crash(): Promise<void> {
    await this.pg(binary('pg_ctl'), ['-D', join(this.dir, 'data'), '-m', 'immediate', '-w', 'stop']);
  }

  async destroy(): Promise<void> {
    await this.crash().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async pg(file: string, args: string[]): Promise<void> {
    if (process.getuid?.() === 0) await run('runuser', ['-u', 'postgres', '--', file, ...args]);
    else await run(file, args);
  }
}

function uidGidOf(user: string): [number, number] {
  return [Number(execFileSync('id', ['-u', user]).toString()), Number(execFileSync('id', ['-g', user]).toString())];
}
