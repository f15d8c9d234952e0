import { Command, type Redis } from 'ioredis';

interface PendingGet {
  key: string;
  resolve: (value: string | undefined) => void;
  reject: (error: unknown) => void;
}

const MAX_KEYS_PER_MGET = 500;

/**
 * Hot path: the GETs issued within one tick leave as one command (GET alone, MGET for many),
 * sent straight to the connection. Auto-pipelining would defer every batch by a setImmediate,
 * which a lone read pays in full; here a lone read waits only for the current tick to end.
 * Keys are not hash-tagged: this is for a standalone Redis (or one cluster slot).
 */
export class GetBatcher {
  private pending: PendingGet[] = [];
  /** As ioredis builds them for its own command methods (a connection-level key prefix included). */
  private readonly options: { replyEncoding: 'utf8'; keyPrefix?: string };

  constructor(private readonly redis: Redis) {
    this.options = { replyEncoding: 'utf8', keyPrefix: redis.options.keyPrefix };
  }

  get(key: string): Promise<string | undefined> {
    return new Promise((resolve, reject) => {
      if (this.pending.push({ key, resolve, reject }) === 1) process.nextTick(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    for (let start = 0; start < batch.length; start += MAX_KEYS_PER_MGET) this.send(batch.slice(start, start + MAX_KEYS_PER_MGET));
  }

  private send(batch: PendingGet[]): void {
    if (batch.length === 1) {
      const [one] = batch;
      this.run(new Command('get', [one.key], this.options)).then((value: string | null) => one.resolve(value ?? undefined), one.reject);
      return;
    }
    this.run(new Command('mget', batch.map((b) => b.key), this.options)).then(
      (values: (string | null)[]) => batch.forEach((b, i) => b.resolve(values[i] ?? undefined)),
      (error: unknown) => batch.forEach((b) => b.reject(error)),
    );
  }

  private run(command: Command): Promise<never> {
    void this.redis.sendCommand(command);
    return command.promise as Promise<never>;
  }
}
