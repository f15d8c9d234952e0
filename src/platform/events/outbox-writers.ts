/**
 * Every transaction that appends to the outbox holds this advisory lock, shared, until it ends.
 * The relay reads the holders from pg_locks: only these transactions can still commit outbox
 * rows, so a long transaction that writes no event (a report, a bulk load, another database)
 * never holds events back. Two int4 keys: pg_locks shows them as classid/objid (objsubid 2).
 */
export const OUTBOX_WRITERS_LOCK = [7003, 7001] as const;

export const TAKE_OUTBOX_WRITER_LOCK = `SELECT pg_advisory_xact_lock_shared(${OUTBOX_WRITERS_LOCK[0]}, ${OUTBOX_WRITERS_LOCK[1]})`;

/**
 * The oldest transaction (as xid8, in bigint) of this database that holds the writers' lock and
 * has an id, or the next transaction id when none does: outbox rows of transactions below it can
 * no longer be preceded by a commit. `age()` counts from the current counter, which only moves
 * up while the statement runs, so the horizon errs low (waits), never high.
 */
export const OUTBOX_HORIZON_SQL = `
  SELECT coalesce(
           pg_snapshot_xmax(pg_current_snapshot())::text::bigint - max(age(a.backend_xid)),
           pg_snapshot_xmax(pg_current_snapshot())::text::bigint) AS horizon
    FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
   WHERE l.locktype = 'advisory' AND l.classid = ${OUTBOX_WRITERS_LOCK[0]} AND l.objid = ${OUTBOX_WRITERS_LOCK[1]} AND l.objsubid = 2
     AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
     AND a.backend_xid IS NOT NULL`;
