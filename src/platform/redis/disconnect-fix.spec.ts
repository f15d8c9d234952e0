import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { freePort } from '../../../test/support/free-port.js';
import { installDisconnectFix } from './disconnect-fix.js';

const clients: Redis[] = [];

async function reconnectingClient(): Promise<Redis> {
  // Nothing listens on the port, and one long wait between retries: the client sits in `reconnecting` for the whole test.
  const client = new Redis({ port: await freePort(), host: '127.0.0.1', retryStrategy: () => 60_000, maxRetriesPerRequest: null, disconnectTimeout: 10 });
  clients.push(client);
  client.on('error', () => undefined);
  await new Promise((resolve) => client.once('reconnecting', resolve));
  return client;
}

describe('installDisconnectFix', () => {
  beforeAll(() => installDisconnectFix());
  afterAll(() => clients.filter((client) => client.status !== 'end').forEach((client) => client.disconnect()));

  it('ends a client that is waiting to reconnect: `end` is emitted and queued commands fail', async () => {
    const client = await reconnectingClient();
    const queued = client.get('k');
    const ended = once(client, 'end');
    client.disconnect();
    await expect(Promise.race([ended.then(() => 'end'), delay(1000, 'still waiting', { ref: false })])).resolves.toBe('end');
    await expect(queued).rejects.toThrow('Connection is closed');
    expect(client.status).toBe('end');
  });

  it('leaves disconnect(true), a reconnect request, to ioredis', async () => {
    const client = await reconnectingClient();
    client.disconnect(true);
    expect(client.status).toBe('reconnecting');
    client.disconnect();
    expect(client.status).toBe('end');
  });

  it('installs once however often it is called', () => {
    const installed = Redis.prototype.disconnect;
    installDisconnectFix();
    expect(Redis.prototype.disconnect).toBe(installed);
  });
});
