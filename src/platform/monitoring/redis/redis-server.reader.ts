import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS_CLIENT } from '../../redis/index.js';
import { MONITORING_CLOCK } from '../monitoring.constants.js';
import { type ServerClient, parseClientList } from './client-list.js';
import { type RedisServerFigures, serverFigures } from './redis-server-figures.js';
import { SLOWLOG_BATCH, SlowlogReader } from './slowlog-reader.js';

/**
 * Reads the server side of Redis over the shared connection: INFO (every default section and
 * commandstats), SLOWLOG incrementally, CLIENT LIST. A Redis that refuses SLOWLOG (an ACL, a
 * managed service) still gives the rest. Remembers the latest figures.
 */
@Injectable()
export class RedisServerReader {
  readonly slowlog: SlowlogReader;
  latest: RedisServerFigures | undefined;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(MONITORING_CLOCK) private readonly clock: () => number,
  ) {
    this.slowlog = new SlowlogReader(clock);
  }

  async read(): Promise<RedisServerFigures> {
    const [info, commandstats, slowlog] = await Promise.all([this.redis.info(), this.redis.info('commandstats'), this.readSlowlog()]);
    this.latest = serverFigures(info, commandstats, slowlog, new Date(this.clock()));
    return this.latest;
  }

  async clients(): Promise<ServerClient[]> {
    return parseClientList(String(await this.redis.call('CLIENT', 'LIST')));
  }

  private async readSlowlog(): Promise<RedisServerFigures['slowlog']> {
    try {
      const fresh = this.slowlog.ingest(await this.redis.call('SLOWLOG', 'GET', SLOWLOG_BATCH));
      return { available: true, newEntries: fresh.length, recent: this.slowlog.recent() };
    } catch {
      return { available: false, newEntries: 0, recent: [] };
    }
  }
}
