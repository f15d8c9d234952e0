import type { DataSource, EntityManager } from 'typeorm';
import type { EventEnvelope } from '../event-envelope.js';

/**
 * Runs `effect` and records `(group, event id)` in `event_inbox` in one transaction, unless
 * that event was already applied for the group; true when it ran. A concurrent duplicate
 * waits on the inbox row and then skips (or applies, if the first rolled back).
 */
export async function applyOnce(db: DataSource | EntityManager, group: string, event: Pick<EventEnvelope, 'eventId'>, effect: (manager: EntityManager) => Promise<void>): Promise<boolean> {
  const applied = await applyEachOnce(db, group, [event], effect);
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
): Promise<E[]> {
  return db.transaction(async (manager) => {
    const inserted = (await manager.query(
      `INSERT INTO event_inbox (consumer_group, event_id) SELECT $1, id FROM unnest($2::uuid[]) AS id ORDER BY id ON CONFLICT DO NOTHING RETURNING event_id`,
      [group, events.map((e) => e.eventId)],
    )) as { event_id: string }[];
    if (inserted.length === 0) return [];
    const fresh = new Set(inserted.map((r) => r.event_id));
    const applied = events.filter((e) => fresh.has(e.eventId));
    await effect(manager, applied);
    return applied;
  });
}
