import type { DataSource, EntityManager } from 'typeorm';
import { queryPrepared } from '../../database/index.js';
import type { EventEnvelope } from '../event-envelope.js';

export interface ApplyOnceOptions {
  /**
   * Commit without waiting for the WAL flush (the effect is visible at once, durable a few
   * milliseconds later). Only for a consumer whose `beforeAck` is `durablyApplied`: an entry is
   * acknowledged, and its aggregate moves on, once its inbox row is known durable; an effect
   * lost with a database crash is applied again first. Given a caller's `EntityManager`, it is
   * the caller's whole transaction that commits asynchronously.
   */
  asyncCommit?: boolean;
}

const insertInbox = (where: string) =>
  `INSERT INTO event_inbox (consumer_group, event_id) SELECT $1, id FROM unnest($2::uuid[]) AS id ${where} ORDER BY id ON CONFLICT DO NOTHING RETURNING event_id`;
const INSERT_INBOX = insertInbox('');
/** The same, and this transaction commits asynchronously (set in the same round trip). */
const INSERT_INBOX_ASYNC_COMMIT = insertInbox(`WHERE set_config('synchronous_commit', 'off', true) IS NOT NULL`);

/**
 * An effect that is one data-modifying SQL statement (INSERT, UPDATE or DELETE: Postgres 15
 * takes no MERGE inside WITH). It must act only on the events listed in the relation
 * `fresh(event_id)`: those not yet applied for the group. `$2` holds the event ids in the order
 * given, and the effect's own parameters start at `$3`.
 */
export interface EffectStatement {
  sql: string;
  params: readonly unknown[];
  /**
   * Prepares the whole statement under this name (one name per effect SQL), once per pooled
   * connection: only for an effect whose plan cannot go stale as tables grow (inserts, upserts,
   * lookups by key), since Postgres keeps a generic plan once it has one.
   */
  prepareAs?: string;
}

/**
 * Those of `eventIds` whose effects, applied through the inbox for `group`, are durable: one
 * statement that writes WAL (a transactional logical-decoding message, prefix
 * `hotpath.wal-flushed`, empty: logical decoding clients can skip it by prefix) and commits
 * synchronously, so the WAL is flushed up to it, and every commit before it with it; it reads
 * the inbox rows in that statement's snapshot. An id it does not return was never applied or
 * was lost with a crash. One round trip and one flush for any number of events (group commit).
 */
export async function durablyApplied(db: DataSource, group: string, eventIds: readonly string[]): Promise<string[]> {
  const [row] = (await db.query(
    `SELECT set_config('synchronous_commit', 'on', true), pg_logical_emit_message(true, 'hotpath.wal-flushed', ''),
            array(SELECT event_id::text FROM event_inbox WHERE consumer_group = $1 AND event_id = ANY($2::uuid[])) AS durable`,
    [group, eventIds],
  )) as { durable: string[] }[];
  return row.durable;
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

/**
 * `applyEachOnce` for an effect that is one SQL statement: the inbox rows and the effect in one
 * statement, one round trip, with no BEGIN and COMMIT around it (a handler's four round trips
 * become one). It resolves to the events that were fresh, in the given order. Like
 * `applyEachOnce`, it writes everything or nothing.
 */
export async function applyEachOnceInOneStatement<E extends Pick<EventEnvelope, 'eventId'>>(
  db: DataSource | EntityManager,
  group: string,
  events: readonly E[],
  effect: EffectStatement,
  options: ApplyOnceOptions = {},
): Promise<E[]> {
  if (events.length === 0) return [];
  const inbox = options.asyncCommit ? INSERT_INBOX_ASYNC_COMMIT : INSERT_INBOX;
  // A data-modifying WITH runs once, to completion, whether or not the main query reads it.
  const text = `WITH fresh AS (${inbox}), effect AS (${effect.sql}) SELECT event_id FROM fresh`;
  const values = [group, events.map((e) => e.eventId), ...effect.params];
  const inserted: { event_id: string }[] = effect.prepareAs
    ? await queryPrepared(db, `${effect.prepareAs}${options.asyncCommit ? ':async-commit' : ''}`, text, values)
    : await db.query(text, values);
  const fresh = new Set(inserted.map((r) => r.event_id));
  return events.filter((e) => fresh.has(e.eventId));
}
