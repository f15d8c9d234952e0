import type { DataSource, EntityManager } from 'typeorm';
import type { EventEnvelope } from '../event-envelope.js';

/**
 * Runs `effect` and records `(group, event id)` in `event_inbox` in one transaction, unless
 * that event was already applied for the group; true when it ran. A concurrent duplicate
 * waits on the inbox row and then skips (or applies, if the first rolled back).
 */
export async function applyOnce(db: DataSource | EntityManager, group: string, event: Pick<EventEnvelope, 'eventId'>, effect: (manager: EntityManager) => Promise<void>): Promise<boolean> {
  return db.transaction(async (manager) => {
    const inserted = (await manager.query(`INSERT INTO event_inbox (consumer_group, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1 AS new`, [group, event.eventId])) as unknown[];
    if (inserted.length === 0) return false;
    await effect(manager);
    return true;
  });
}
