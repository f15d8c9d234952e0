import type { DataSource, EntitySubscriberInterface, QueryRunner } from 'typeorm';

export const OUTBOX_CHANNEL = 'hotpath_outbox';

/** Set on a transaction's query runner by the outbox writer. */
const WROTE_OUTBOX = 'hotpath.wroteOutbox';

/**
 * Wakes the relays (NOTIFY) after a transaction that appended to the outbox has committed,
 * never inside it: Postgres serializes the commits of notifying transactions, WAL flush
 * included, across the whole cluster, which capped writes at about one commit per fsync
 * (~1,000/s here). Commits of one tick share one NOTIFY; a lost one costs the relay at most
 * `OUTBOX_POLL_MS`.
 */
class OutboxCommitNotifier implements EntitySubscriberInterface {
  private sending = false;
  private again = false;

  constructor(private readonly db: DataSource) {}

  afterTransactionCommit({ queryRunner }: { queryRunner: QueryRunner }): void {
    // A released savepoint is no commit: the outer transaction may still roll back.
    if (queryRunner.isTransactionActive || !queryRunner.data[WROTE_OUTBOX]) return;
    queryRunner.data[WROTE_OUTBOX] = false;
    this.schedule();
  }

  afterTransactionRollback({ queryRunner }: { queryRunner: QueryRunner }): void {
    if (!queryRunner.isTransactionActive) queryRunner.data[WROTE_OUTBOX] = false;
  }

  private schedule(): void {
    if (this.sending) {
      this.again = true;
      return;
    }
    this.sending = true;
    setImmediate(() => {
      this.db
        .query(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`)
        .catch(() => undefined)
        .finally(() => {
          this.sending = false;
          if (!this.again) return;
          this.again = false;
          this.schedule();
        });
    });
  }
}

const notified = new WeakSet<DataSource>();

/** Marks `queryRunner`'s transaction as an outbox writer, so its commit wakes the relays. */
export function notifyRelayOnCommit(queryRunner: QueryRunner): void {
  const db = queryRunner.dataSource;
  if (!notified.has(db)) {
    notified.add(db);
    db.subscribers.push(new OutboxCommitNotifier(db));
  }
  queryRunner.data[WROTE_OUTBOX] = true;
}
