import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { cleanupOutbox } from '../../src/platform/events/index.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

describe('outbox cleanup', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('outbox_cleanup');
    dataSource = await new DataSource({ type: 'postgres', url: db.url }).initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  /** `count` rows published `publishedAgo` ago (null: not published), occurred a day ago. */
  async function rows(count: number, publishedAgo: string | null): Promise<string[]> {
    const ids = Array.from({ length: count }, () => randomUUID());
    for (const id of ids) {
      await db.client.query(
        `INSERT INTO outbox (event_id, type, schema_version, aggregate_type, aggregate_id, aggregate_version, occurred_at, payload, published_at)
         VALUES ($1, 'contract.updated', 1, 'contract', $2, 1, now() - interval '1 day', '{}', now() - $3::interval)`,
        [id, randomUUID(), publishedAgo],
      );
    }
    return ids;
  }

  it('deletes only published rows older than the retention, in batches', async () => {
    const old = await rows(7, '2 hours');
    const recent = await rows(3, '10 minutes');
    const unpublished = await rows(4, null);
    const totals: number[] = [];

    const deleted = await cleanupOutbox(dataSource, { retentionSeconds: 3600, batch: 3 }, (sofar) => void totals.push(sofar));

    expect(deleted).toBe(7);
    expect(totals).toEqual([3, 6, 7]);
    const left = (await db.client.query<{ event_id: string }>('SELECT event_id FROM outbox')).rows.map((r) => r.event_id);
    expect(left.sort()).toEqual([...recent, ...unpublished].sort());
    expect(left).not.toEqual(expect.arrayContaining([old[0]]));
    expect(await cleanupOutbox(dataSource, { retentionSeconds: 3600, batch: 3 })).toBe(0);
  });
});
