import type { DataSource } from 'typeorm';

export interface OutboxCleanupSettings {
  retentionSeconds: number;
  batch: number;
}

/**
 * Deletes published outbox rows older than the retention, `batch` rows per statement (each
 * its own short transaction, so the relay and writers never wait long). Unpublished rows are
 * never touched, however old. `onBatch` hears the running total (for job progress); stopping
 * halfway is harmless: the next run deletes the rest.
 */
export async function cleanupOutbox(db: DataSource, settings: OutboxCleanupSettings, onBatch: (deleted: number) => Promise<void> | void = () => undefined): Promise<number> {
  let deleted = 0;
  for (;;) {
    // Counted by a SELECT over the CTE: TypeORM answers a bare DELETE … RETURNING as [rows, affected].
    const [{ n }] = (await db.query(
      `WITH gone AS (
         DELETE FROM outbox WHERE position IN (
           SELECT position FROM outbox
            WHERE published_at IS NOT NULL AND published_at < now() - make_interval(secs => $1)
            ORDER BY position
            LIMIT $2)
         RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [settings.retentionSeconds, settings.batch],
    )) as { n: number }[];
    deleted += n;
    if (n > 0) await onBatch(deleted);
    if (n < settings.batch) return deleted;
  }
}
