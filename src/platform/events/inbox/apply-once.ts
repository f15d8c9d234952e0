import type { DataSource, EntityManager } from 'typeorm';
import type { EventEnvelope } from '../event-envelope.js';

export interface ApplyOnceOptions {
  /**
   * Commit without waiting for the WAL flush (the effect is visible at once, durable a few
   * milliseconds later). Only for a consumer whose `beforeAck` is `walFlushed`: its entries
   * are then acknowledged after the flush, so a database crash loses no event (the lost effects
   * and inbox rows are applied again on redelivery). Given a caller's `EntityManager`, it is the
   * caller's whole transaction that commits asynchronously.
   */
  asyncCommit?: boolean;
}

const INSERT_INBOX = `INSERT INTO event_inbox (consumer_group, event_id) SELECT $1, id FROM unnest($2::uuid[]) AS id ORDER BY id ON CONFLICT DO NOTHING RETURNING event_id`;
/** The same, and this transaction commits asynchronously (set in the same round trip). */
const INSERT_INBOX_ASYNC_COMMIT = `INSERT INTO event_inbox (consumer_group, event_id) SELECT $1, id FROM unnest($2::uuid[]) AS id
  WHERE set_config('synchronous_commit', 'off', true) IS NOT NULL ORDER BY id ON CONFLICT DO NOTHING RETURNING event_id`;

/**
 * Resolves once every transaction that committed before the call is durable. A transaction
 * that writes WAL and commits synchronously flushes the WAL up to its own commit record, and
 * every commit before it is earlier in the WAL; an id alone writes none (no flush), so it
 * writes a transactional logical-decoding message (prefix `hotpath.wal-flushed`, empty; any
 * logical decoding client can ignore it by prefix). One statement, one round trip and one
 * flush for any number of asynchronous commits (group commit).
 */
export async function walFlushed(db: DataSource): Promise<void> {
  await db.query(`SELECT set_config('synchronous_commit', 'on', true), pg_logical_emit_message(true, 'hotpath.wal-flushed', '')`);
}

/**
 * Runs `effect` and records `(group, event id)` in `event_inbox` in one transaction, unless
 * that event was already applied for the group; true when it ran. A concurrent duplicate
 * waits on the inbox row and then skips (or applies, if the first rolled back).
 */
export async function applyOnce(
  db: DataSource | EntityManager,
  group: string,
  event: Pick<EventEnvelope, 'eventId'>,
  effect: (manager: EntityManager) => Promise<void>,
  options: ApplyOnceOptions = {},
): Promise<boolean> {
  const applied = await applyEachOnce(db, group, [event], effect, options);
  return applied.length === 1;
}

/**
 * `applyOnce` for a batch, in one transaction: records every event of `events` not yet applied
 * for the group and runs `effect` with those (in the given order); resolves to them. Inbox rows
 * are taken in event id order, so concurrent batches sharing duplicates cannot deadlock.
 */
export async function applyEachOnce<E extends Pick<EventEnvelope, 'eventId'>>(
  db: DataSource | EntityManager,
  group: string,
  events: readonly E[],
  effect: (manager: EntityManager, fresh: E[]) => Promise<void>,
  options: ApplyOnceOptions = {},
): Promise<E[]> {
  return db.transaction(async (manager) => {
    const inserted = (await manager.query(options.asyncCommit ? INSERT_INBOX_ASYNC_COMMIT : INSERT_INBOX, [group, events.map((e) => e.eventId)])) as { event_id: string }[];
    if (inserted.length === 0) return [];
    const fresh = new Set(inserted.map((r) => r.event_id));
    const applied = events.filter((e) => fresh.has(e.eventId));
    await effect(manager, applied);
    return applied;
  });
}
