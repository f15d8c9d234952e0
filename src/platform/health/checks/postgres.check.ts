import { Client } from 'pg';
import { withTimeout } from './check-outcome.js';

/**
 * Checks Postgres on a connection of its own, opened on first use and after a failure: an
 * exhausted pool cannot starve it, and a server that went away is noticed at the next check
 * (the connection's error drops it; reconnecting fails fast while the server is down). A query
 * that does not answer within the timeout drops the connection too.
 */
export class PostgresCheck {
  private client: Client | undefined;
  private connecting: Promise<Client> | undefined;
  private version: string | undefined;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly timeoutMs: number,
  ) {}

  async check(): Promise<{ version: string | undefined }> {
    const client = await this.connected();
    try {
      await withTimeout(client.query('SELECT 1'), this.timeoutMs);
    } catch (error) {
      this.drop(client);
      throw error;
    }
    return { version: this.version };
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client ?? (await this.connecting?.catch(() => undefined));
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private connected(): Promise<Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async connect(): Promise<Client> {
    if (this.closed) throw new Error('health check closed');
    const client = new Client({ connectionString: this.url, application_name: 'hotpath-health', connectionTimeoutMillis: this.timeoutMs, keepAlive: true });
    client.on('error', () => this.drop(client));
    client.on('end', () => this.drop(client));
    try {
      await client.connect();
      this.version = (await withTimeout(client.query<{ server_version: string }>('SHOW server_version'), this.timeoutMs)).rows[0]?.server_version;
    } catch (error) {
      void client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      void client.end().catch(() => undefined);
      throw new Error('health check closed');
    }
    this.client = client;
    return client;
  }

  private drop(client: Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    // Not awaited: ending a connection whose server stopped answering may itself hang.
    void client.end().catch(() => undefined);
  }
}
